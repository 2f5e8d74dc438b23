"""Word lists that the extraction rules consult: data, not if-chains.

Every set holds lower-case lemmas (or surface forms where noted).  Editing a
list changes what kg reads off a sentence without touching a rule.

Examples
--------
>>> "tell" in REPORTING_VERBS, "would" in HEDGE_AUX, "will" in FUTURE_AUX
(True, True, True)
"""
from __future__ import annotations

__all__ = [
    "ACTION_SUFFIXES", "ACTOR_NOUNS", "ADDRESSEE_LABELS", "AID_NOUNS", "AIM_VERBS", "APPRAISAL_VERBS", "ASPECT_VERBS",
    "AS_APPRAISAL_VERBS", "ATTEMPT_VERBS", "ATTRIBUTION_PREPS", "CIRCUMSTANCE_LABELS", "CIRCUMSTANCE_NOUNS",
    "CLAIM_NOUNS", "COLLECTIVE_NOUNS", "COMPANION_WORDS", "COPULAS", "DEGREE_NOUNS", "DEGREE_WORDS", "DELEGATE_HEADS", "DIRECTION_ADVERBS",
    "DIRECTIVE_VERBS", "ENTITY_TYPES", "EPISTEMIC_PASSIVES", "EVENT_SPAN_PREPS", "FRAME_NOUNS",
    "FRAME_PLACE_PREPS", "FUTURE_AUX", "FUTURE_VERBS", "GERUND_SUBJECT_PREPS", "HARM_EVENTS", "HEDGE_AUX",
    "HEDGE_VERBS", "HEDGE_WORDS", "HEDGING_REPORTS", "IDIOM_NOUNS", "LIGHT_VERBS", "LOCATIVE_VERBS",
    "MANDATIVE_VERBS", "MANNER_GERUND_VERBS", "MEANS_PREPS", "MEDIUM_NOUNS", "MODIFIER_PARTICIPLES",
    "NEGATIONS", "NOMINAL_EVENTS", "NOMINAL_PARTY_PREPS", "NON_ARGUMENTS", "NON_ARGUMENT_PREPS",
    "NON_PLACE_NOUNS", "NOUN_TARGET_PREPS", "OBJECT_PREP_VERBS", "OBJECT_PRONOUNS", "OFFICE_NOUNS",
    "OF_NAME_HEADS", "ONSET_VERBS", "PARTITIVES", "PLACE_LABELS", "PLACE_NOUNS", "PLACE_PREPS",
    "POSSESSED_SHARES", "PURPOSE_NOUNS", "RECIPROCAL_EVENTS", "RECIPROCAL_STATES", "RECIPROCAL_VERBS",
    "REFLEXIVES",
    "RELATIVE_PLACE_NOUNS", "RELATIVE_PRONOUNS", "REPORTING_VERBS", "ROLE_PREPS", "SEQUENCE_PREPS", "SETTING_PREPS",
    "SPATIAL_PREPS", "SPEECH_NOUNS", "SPEECH_ONLY_VERBS", "STANCE_NOUNS", "TARGET_PREPS", "TIME_NOUNS", "TIME_PREPS", "TIME_SPENDING_VERBS",
    "TOPIC_PREPS", "TRANSFER_VERBS", "TRANSPARENT_VERBS", "WHOLE_PARTITIVES",
]

#: Verbs that introduce reported speech or a claim: the triples of their clausal
#: complement get ``attributed_to`` = the verb's subject.
REPORTING_VERBS = frozenset(
    """say tell add accuse allege insist deny claim state announce report confirm
    warn argue assert believe suggest explain write note declare stress maintain
    reiterate acknowledge admit charge contend estimate predict promise reply
    respond think fear hope expect indicate show reveal testify complain
    emphasize emphasise recall remind urge quote""".split()
)

#: Reporting verbs that never yield a triple of their own: "Putin said that X" keeps
#: only the triples of X (attributed to Putin).  "tell" is not here: it keeps its addressee.
SPEECH_ONLY_VERBS = frozenset("say add state note write think believe reply respond".split())

#: Entity labels of an addressee that keeps a speech verb's triple: "wrote to the US Embassy".
ADDRESSEE_LABELS = frozenset("PERSON ORG GPE NORP".split())

#: Reporting verbs that leave what they report in doubt ("alleged that …") -> hedged.
HEDGING_REPORTS = frozenset("allege claim suspect rumour rumor".split())

#: Object pronouns a coordinated verb may share with its first conjunct's object, by number.
OBJECT_PRONOUNS = {"it": "singular", "them": "plural"}

#: Participles that make a modifier of the word before them: "London based", "Saudi led".
MODIFIER_PARTICIPLES = frozenset("based led backed owned funded sponsored controlled allied".split())

#: Nouns that name a claim rather than say what something is ("…, a charge that X denied").
CLAIM_NOUNS = frozenset("charge accusation allegation claim assertion rumour rumor suggestion report".split())

#: Prepositional heads that attribute a clause to their object ("according to X").
ATTRIBUTION_PREPS = {"according": "to"}

#: Modal auxiliaries.
FUTURE_AUX = frozenset("will 'll shall wo".split())
HEDGE_AUX = frozenset("would could may might should can ca 'd must".split())

#: Adverbs and adjectives that hedge the clause they modify.
HEDGE_WORDS = frozenset(
    """reportedly allegedly possibly perhaps probably likely apparently maybe
    supposedly purportedly alleged suspected presumably potentially""".split()
)

#: Verbs whose ``xcomp`` states an intention: "plan to attend" -> attend, future.
FUTURE_VERBS = frozenset("plan intend aim expect schedule prepare set go mean".split())

#: Verbs whose ``xcomp`` is uncertain: "tried to narrow", "hope to" -> hedged.
HEDGE_VERBS = frozenset("seem appear".split())

#: Verbs of striving whose infinitive joins the relation: "seeks to remove tariffs" ->
#: ``seek to remove | tariffs`` (the seeking is asserted, the removal is not).
ATTEMPT_VERBS = frozenset("hope threaten try attempt seek strive".split())

#: Participles that report a belief about the noun they describe: "people believed to be behind X",
#: "a group said to have links to Y" -> hedged.
EPISTEMIC_PASSIVES = frozenset("believe think say report allege suspect rumour rumor presume claim".split())

#: Verbs that stay out of an ``xcomp`` chain's relation ("tried to narrow" -> narrow).
TRANSPARENT_VERBS = FUTURE_VERBS | HEDGE_VERBS | frozenset("manage be".split())

#: Negating words on a verb (``neg`` dependents) or as determiners of an argument.
NEGATIONS = frozenset("not n't never no nt".split())

#: Light verbs whose object noun joins the relation when a preposition follows:
#: "hold talks with", "carry out a strike on", "take part in".
LIGHT_VERBS = frozenset(
    """hold carry conduct launch take make have give pay cancel stage mount
    express reach open wage resolve narrow restore share shift ensure
    seal forge deepen improve raise step""".split()
)

#: Verbs whose object is time the subject spends doing what their gerund says: "spent years fighting X".
TIME_SPENDING_VERBS = frozenset("spend waste devote".split())

#: Verbs that start, stop or keep up what their gerund object names: "ceased trading in Iran"
#: -> ``cease trading in | Iran``, the preposition is the gerund's.
ASPECT_VERBS = frozenset("cease stop halt quit resume suspend start begin continue keep finish end".split())

#: Aspect verbs that leave what their gerund says true: "began deploying troops" -> deploy troops.
ONSET_VERBS = frozenset("begin start continue keep resume".split())

#: Verbs whose gerund says how or while, not what: "transactions occur using dollars" -> use.
MANNER_GERUND_VERBS = frozenset("occur happen come go arrive leave sit stand live work die spend travel return".split())

#: Object nouns that form a frame with their verb whatever the verb is
#: ("discuss ways to", "postpone a visit to").
FRAME_NOUNS = frozenset(
    """talks talk visit ties
    differences emphasis position relations responsibility part place hand
    agreement deal call calls trip concern war campaign offensive operation
    operations control pressure sanctions tension tensions role influence
    support aid contact contacts safety lead initiative interest stake say""".split()
)

#: Verbs that take an object and a prepositional complement that belongs in the
#: relation: "accuse Moscow of X" -> ``accuse of | Moscow``.
OBJECT_PREP_VERBS = frozenset(
    """accuse remind blame warn charge suspect convict criminalize thank
    congratulate praise criticize criticise condemn punish sanction urge ask
    invite inform notify protect prevent stop ban bar exempt""".split()
)

#: Nouns of events that name both parties in a noun phrase ("Putin's talks with
#: Erdogan", "the shooting down of a warplane by Turkey") -> relation.
NOMINAL_EVENTS = {
    "talks": "hold talks",
    "talk": "hold talks",
    "meeting": "meet",
    "visit": "visit",
    "attack": "attack",
    "attacks": "attack",
    "strike": "strike",
    "strikes": "strike",
    "airstrikes": "carry out airstrikes",
    "bombing": "bomb",
    "shooting": "shoot",
    "invasion": "invade",
    "annexation": "annex",
    "occupation": "occupy",
    "support": "support",
    "criticism": "criticize",
    "call": "call",
    "agreement": "agree",
    "deal": "make deal",
    "war": "wage war",
    "sanctions": "impose sanctions",
    "ban": "impose ban",
    "bans": "impose ban",
    "embargo": "impose embargo",
    "capture": "capture",
    "killing": "kill",
    "arrest": "arrest",
    "assassination": "assassinate",
    "election": "elect",
    "acquisition": "acquire",
    "purchase": "purchase",
    "release": "release",
    "conference": "hold news conference",
    "summit": "hold summit",
    "tension": "have tension",
    "tensions": "have tension",
    "clashes": "clash",
    "negotiations": "hold negotiations",
}

#: Nouns of an owner's part in something ("Russia's hand in the attack") -> relation before "in".
POSSESSED_SHARES = {"hand": "have hand", "role": "play role", "stake": "have stake", "part": "play part"}

#: Event nouns whose two parties act together: "US-Russia talks", "tension between A and B".
RECIPROCAL_EVENTS = frozenset("talks talk meeting summit war tension tensions deal agreement clashes negotiations".split())

#: Events that harm: "was killed in an airstrike" -> the airstrike killed him.
HARM_EVENTS = frozenset(
    """attack attacks strike strikes airstrike airstrikes bombing bombings shooting explosion
    blast raid raids crash shelling clashes fighting ambush""".split()
)

#: Nouns of a thing made to do something: "a resolution to expel the troops", "a plot to kill X"
#: -> the noun does it (its "by" agent when it has one).
PURPOSE_NOUNS = frozenset(
    """resolution plot plan plans bill law motion measure decision effort efforts bid attempt
    campaign operation mission proposal initiative deal agreement order""".split()
)

#: Nouns of a body of people that does what its infinitive says: "formed a coalition to patrol
#: the Gulf" -> ``coalition | patrol | Gulf``, and the coalition stays the object of "form".
COLLECTIVE_NOUNS = frozenset(
    """coalition alliance force forces team committee commission panel council body unit group
    agency delegation contingent squad taskforce""".split()
)

#: Common nouns of people or bodies of people: a party to a dyad though no name says who
#: ("issued warrants on 36 people", "increased cooperation with regional countries").
ACTOR_NOUNS = COLLECTIVE_NOUNS | frozenset(
    """people person persons individual individuals country countries nation nations
    government governments navy navies army armies police troops soldiers leader leaders official
    officials minister ministers member members authority authorities rebel rebels militant militants
    protester protesters citizen citizens resident residents partner partners ally allies neighbour
    neighbours neighbor neighbors parliament embassy company companies firm firms""".split()
)

#: "with the support of Y": nouns of help a third party gives the clause's subject.
AID_NOUNS = {"support": "support", "help": "help", "backing": "back", "assistance": "assist", "aid": "aid"}

#: Prepositions that make an event noun the scene of a clause ("speaking at a conference
#: with X", "during talks with X"): the clause's subject is the event's first party.
SETTING_PREPS = frozenset("at during in after before".split())

#: Prepositions that introduce the other party of a nominal event.
NOMINAL_PARTY_PREPS = frozenset("with on against of to into".split())

#: Time words: a prepositional object made of these is a circumstance, not a party.
TIME_NOUNS = frozenset(
    """time day days week weeks month months year years hour hours minute minutes
    weekend morning afternoon evening night today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday moment period
    decade decades century past future utc gmt bst edt est cet cest pdt pst""".split()
)

#: Relative and demonstrative words that stand for an antecedent.
RELATIVE_PRONOUNS = frozenset("which who whom that whose".split())

#: Generic head nouns that give way to the named place after "of": "the city of Aleppo".
OF_NAME_HEADS = frozenset(
    """city town village province region state country republic capital island
    district county area port kingdom""".split()
)

#: People who act for a named party: "representatives from Turkey" -> Turkey.
DELEGATE_HEADS = frozenset("representative delegation delegate envoy emissary".split())

#: spaCy NER labels -> kg entity types.
ENTITY_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Country",
    "NORP": "Group",
    "LOC": "Place",
    "FAC": "Place",
}

#: NER labels that are not actors or things acted on when they stand alone.
CIRCUMSTANCE_LABELS = frozenset("DATE TIME".split())

#: Symmetric verbs: "Putin and Hollande met" -> ``Putin | meet with | Hollande``.
RECIPROCAL_VERBS = {
    "meet": "with", "talk": "with", "clash": "with", "negotiate": "with", "agree": "with",
    "disagree": "with", "quarrel": "with", "speak": "with", "cooperate": "with", "collaborate": "with", "reconcile": "with",
}

#: Degree words a predicate noun hides behind: "was more of a critic of X", "is something of a hero".
DEGREE_WORDS = frozenset("more less something bit kind sort much".split())

#: Two-sided states after a copula: "A and B were at odds" -> ``A | be at odds with | B``.
RECIPROCAL_STATES = {"odds": "with", "loggerheads": "with", "war": "with", "peace": "with", "talks": "with"}

#: Copular verbs: their ``attr``/``acomp`` joins the relation ("be ally of").
COPULAS = frozenset("be become remain".split())

#: Prepositions that never introduce a party of the event.
NON_ARGUMENT_PREPS = frozenset("according despite because due than like".split())

#: Words that never stand for a party: pronoun-like determiners, quantifiers.
NON_ARGUMENTS = frozenset("that this these those which what all both each some any one own".split())

#: Quantifiers that name a part of what follows "of": "all of its powers", "one of the crew".
PARTITIVES = frozenset("all both each some any one many most several none".split())

#: Partitives that say nothing the whole does not: "all of these efforts" persuade as "these efforts" do.
#: ("one of the crew", "none of them" keep their count.)
WHOLE_PARTITIVES = frozenset("all both many most several".split())

#: Nouns of an office or job: in apposition to a name they are its title, not a triple
#: ("Qasem Soleimani, head of Iran's Quds Force" -> title "head of Iran's Quds Force").
#: Relations of other kinds stay triples ("Niamey, Niger's capital"; "X, fiancée of Y").
OFFICE_NOUNS = frozenset(
    """president minister secretary chancellor premier spokesman spokeswoman spokesperson
    ambassador envoy commander chief governor mayor senator leader chairman chairwoman
    chairperson chair head director deputy king queen ruler official officer adviser
    advisor aide commissioner manager editor ceo executive coordinator representative
    general colonel admiral judge prosecutor attorney superintendent constable""".split()
)

#: Prepositions that name the other party of a verb that also has a theme:
#: "fired shells at X", "sent troops to X", "levied sanctions against X".
TARGET_PREPS = frozenset("to at against with on for from into onto toward towards upon".split())

#: Prepositions after an object noun that name a further party: "waive immunity for X",
#: "entered into an agreement with X", "increased cooperation with X".
NOUN_TARGET_PREPS = frozenset("with against to for from into toward towards".split())

#: Prepositions whose phrase belongs to an event noun's span: "attacks on coalition bases",
#: "sanctions against Iran" name the event together.
EVENT_SPAN_PREPS = frozenset("on against".split())

#: Verbs that judge their object: "called the deal null and void" -> ``call null and void | deal``.
APPRAISAL_VERBS = frozenset("call deem consider find declare label brand term judge rule describe keep render".split())

#: Endings of nouns of an act, whose "of" names who undergoes it: "the prosecution of X", "the arrest of X".
ACTION_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al")

#: Verbs that judge their object "as" something: "characterized the attack as a violation of X".
AS_APPRAISAL_VERBS = frozenset("characterize characterise regard view see portray depict brand label describe".split())

#: Verbs whose "at" points at a target, not a place: "fired shells at New Zealand".
AIM_VERBS = frozenset("fire launch shoot aim direct throw hurl lob point level".split())

#: Verbs whose infinitive complement was only asked for or allowed: "urged X to reconsider",
#: "allowed X to extradite" -> the embedded triple is hedged.
DIRECTIVE_VERBS = frozenset(
    """urge ask allow permit encourage persuade call invite advise request order instruct
    authorize authorise enable press pressure push want tell warn count rely depend
    demand require beg implore appeal""".split()
)

#: Verbs that take a bare clause of what should happen: "urged the immunity be waived",
#: "recommended the troops withdraw", "called for X to be brought to justice".
MANDATIVE_VERBS = frozenset("urge recommend demand ask request insist propose order require call".split())

#: Prepositions that tie a role to its organisation: "manager for the Red Cross", "envoy to Peru".
ROLE_PREPS = frozenset("of for at to".split())

#: Words before "with" that add a co-actor: "X, along with Y, said", "together with".
COMPANION_WORDS = frozenset("along together".split())

#: Adverbs that act as a verb particle when a preposition hangs on them: "recalled back to".
DIRECTION_ADVERBS = frozenset("back away down up out off home".split())

#: Nouns of prepositional phrases that set a scene: "in the wake of", "in the course of".
CIRCUMSTANCE_NOUNS = frozenset(
    """wake aftermath course midst light face spite view terms name absence event case way
    relation response connection addition regard respect exception""".split()
)

#: A place after one of these prepositions is where it happened, not a party.
PLACE_PREPS = frozenset("in near at".split())

#: Verbs whose place is an argument, not a circumstance: "lives in Virginia", "operates in
#: Europe".  Other verbs' "in/at/near <place>" says where ("met in Niamey": no triple).
LOCATIVE_VERBS = frozenset(
    """live reside operate stay remain settle base invest intervene participate station
    deploy work study hide shelter arrive land originate locate place jail imprison detain bury""".split()
)

#: Verbs of giving whose first object is the recipient: "gave the envoy a letter" -> ``give letter to | envoy``.
TRANSFER_VERBS = frozenset("give send offer hand grant lend pay sell award promise bring show".split())

#: Prepositions of the means of an event, never its second party: "arrived by plane",
#: "left per advice".  (A passive's "by" agent is read apart.)
MEANS_PREPS = frozenset("per by".split())

#: Prepositions whose gerund is the clause subject's own act, never its object's:
#: "protected civilians by arresting X", "left the talks without signing X".
OWN_ACT_PREPS = frozenset("by without".split())

#: Common nouns of places: after "in/at/near" they say where ("murdered in the consulate"),
#: as a named place does, unless the verb takes its place as an argument (LOCATIVE_VERBS).
PLACE_NOUNS = frozenset(
    """city town village capital province region country consulate embassy airport hospital
    building square street road prison court courthouse palace headquarters compound office
    mosque church hotel station port harbour harbor border camp base nation territory""".split()
)

#: Nouns of a channel two parties talk over: "spoke on the phone" names no party.
MEDIUM_NOUNS = frozenset("phone telephone videophone videoconference".split())

#: Reflexive pronouns: "distanced himself from X" -> ``distance himself from | X``.
REFLEXIVES = frozenset("myself yourself himself herself itself ourselves yourselves themselves".split())

#: Prepositions that do not join a light-verb frame: "held prayers in mosques" is a place.
FRAME_PLACE_PREPS = frozenset("in at near".split())

#: Nouns of a speech or text: "Lam continued in the statement" names where it was said, no party.
SPEECH_NOUNS = frozenset("statement speech interview address remarks message letter tweet post briefing".split())

#: Nouns whose "by" names their author ("estimates by the Red Cross"), not a passive verb's agent.
AUTHORED_NOUNS = SPEECH_NOUNS | frozenset("estimate report study survey analysis poll count assessment review".split())

#: Prepositions that give a topic, not a place: "there was no debate on X" relates nobody.
TOPIC_PREPS = frozenset("on about regarding concerning".split())

#: Nouns of the subject's own stance: "expressed concern that X" is a speech act, not a triple.
STANCE_NOUNS = frozenset("concern hope fear belief confidence doubt view opinion conviction".split())

#: Prepositions that only ever say when.
TIME_PREPS = frozenset("during since until till".split())

#: Prepositions that only ever say where: never a party of the event.
SPATIAL_PREPS = frozenset("outside inside beneath around along throughout near amid beside".split())
PLACE_LABELS = frozenset("GPE LOC FAC".split())

#: Prepositions that place an event before or after another: a circumstance ("after the war").
SEQUENCE_PREPS = frozenset("before after".split())

#: Prepositions whose object can be the subject of a gerund after it: "spoke of Turkey assuming X"
GERUND_SUBJECT_PREPS = frozenset("of about".split())  # a topic; "posted on Twitter asking X" is no subject

#: Nouns a "where" clause does not happen in: "a point where no one knows", "a stage where …".
NON_PLACE_NOUNS = frozenset("point stage moment time times situation case extent level degree position period era phase".split())

#: Nouns of how far something went, never a party: "escalated to a point where", "talks at senior levels".
DEGREE_NOUNS = frozenset("point stage extent level levels degree".split())

#: Object nouns that make an intransitive idiom with their verb: "took place", "took part".
IDIOM_NOUNS = frozenset("place part sense shape effect note hold".split())

#: Nouns that locate something relative to the real object: "in the area of the convoy"
#: -> relation "be in area of", object "convoy".
RELATIVE_PLACE_NOUNS = frozenset("area vicinity outskirts centre center heart edge direction".split())

#: Head nouns of subjects that are events of nature or mishaps, not actors: "a fire killed
#: five", "the storm destroyed homes" report harm, but no one assaulted anyone.
HAZARD_NOUNS = frozenset(
    "fire fires blaze wildfire bushfire storm storms hurricane cyclone typhoon tornado flood floods flooding "
    "earthquake quake tremor tsunami avalanche landslide mudslide eruption drought heatwave heat cold snow rain "
    "wind winds lightning accident crash collision derailment explosion blast leak collapse disease virus "
    "outbreak epidemic pandemic famine".split()
)
