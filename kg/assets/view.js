/* kg view: draws the graph in #kg-data with vis-network, offline.
 * Article text is untrusted: it only ever reaches the page through textContent
 * (or vis-network's canvas), never through innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function meta(parent, name, value) {
    if (!value) return;
    var line = el("div", "kg-meta");
    line.appendChild(el("b", null, name + ": "));
    line.appendChild(document.createTextNode(String(value)));
    parent.appendChild(line);
  }

  function nodeTip(node) {
    var box = el("div", "kg-tip");
    box.appendChild(el("h3", null, node.name));
    meta(box, "Type", node.type);
    meta(box, "Titles", node.titles);
    meta(box, "Also called", node.aliases);
    meta(box, "Mentions", node.mentions);
    meta(box, "Statements", node.statements);
    return box;
  }

  function flags(parent, statement) {
    if (statement.negated) parent.appendChild(el("span", "kg-flag negated", "negated"));
    if (statement.modality && statement.modality !== "asserted") {
      parent.appendChild(el("span", "kg-flag " + statement.modality, statement.modality));
    }
    if (statement.relation_class) parent.appendChild(el("span", "kg-flag", statement.relation_class));
    parent.appendChild(el("span", "kg-flag", "confidence " + statement.confidence));
  }

  var MAX_EVIDENCE = 6;

  function edgeTip(edge) {
    var box = el("div", "kg-tip");
    box.appendChild(el("h3", null, names[edge.from] + " \u2014 " + edge.label + " \u2192 " + names[edge.to]));
    edge.statements.slice(0, MAX_EVIDENCE).forEach(function (statement) {
      var part = el("div", "kg-evidence");
      var quote = el("blockquote");
      statement.segments.forEach(function (piece) {
        quote.appendChild(piece[1] ? el("mark", piece[1], piece[0]) : document.createTextNode(piece[0]));
      });
      part.appendChild(quote);
      meta(part, "Article", [statement.title || statement.doc, statement.date].filter(Boolean).join(", "));
      meta(part, "According to", statement.attributed_to);
      var line = el("div", "kg-meta");
      flags(line, statement);
      part.appendChild(line);
      box.appendChild(part);
    });
    if (edge.statements.length > MAX_EVIDENCE) {
      box.appendChild(el("div", "kg-meta", "and " + (edge.statements.length - MAX_EVIDENCE) + " more statements"));
    }
    return box;
  }

  var names = {};
  data.nodes.forEach(function (node) { names[node.id] = node.name; });

  // vis-network shows a string title as text and an Element as given: build Elements.
  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return Object.assign({}, node, {title: nodeTip(node)});
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    return Object.assign({}, edge, {title: edgeTip(edge)});
  }));

  var filter = {actor: null, neighbours: null, relationClass: "", from: "", to: ""};

  function statementShown(statement) {
    if (filter.relationClass && statement.relation_class !== filter.relationClass) return false;
    if (filter.from || filter.to) {
      if (!statement.date) return false;
      if (filter.from && statement.date < filter.from) return false;
      if (filter.to && statement.date > filter.to) return false;
    }
    return true;
  }

  function edgeShown(edge) {
    if (filter.actor !== null && edge.from !== filter.actor && edge.to !== filter.actor) return false;
    return edge.statements.some(statementShown);
  }

  var edgeView = new vis.DataView(edges, {filter: edgeShown});
  var visibleNodes = null;
  var nodeView = new vis.DataView(nodes, {filter: function (node) {
    return visibleNodes === null || visibleNodes.has(node.id);
  }});

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, data.options);

  function filtering() {
    return filter.actor !== null || filter.relationClass || filter.from || filter.to;
  }

  function refresh() {
    edgeView.refresh();
    if (filtering()) {
      visibleNodes = new Set(filter.actor !== null ? [filter.actor] : []);
      edgeView.get().forEach(function (edge) { visibleNodes.add(edge.from); visibleNodes.add(edge.to); });
    } else {
      visibleNodes = null;
    }
    nodeView.refresh();
    count();
  }

  function count() {
    var text = nodeView.length + " of " + data.shown.of_nodes + " actors, " +
      edgeView.get().reduce(function (sum, edge) {
        return sum + edge.statements.filter(statementShown).length;
      }, 0) + " of " + data.shown.of_statements + " statements";
    document.getElementById("kg-count").textContent = text;
  }

  function show(element) {
    var details = document.getElementById("kg-details");
    while (details.children.length > 1) details.removeChild(details.lastChild);
    details.appendChild(element);
  }

  network.on("click", function (params) {
    if (params.nodes.length) show(nodeTip(nodes.get(params.nodes[0])));
    else if (params.edges.length) show(edgeTip(edges.get(params.edges[0])));
  });

  // Settle once, then freeze so the picture stops moving; dragging still works.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    network.fit();
    document.getElementById("kg-loading").className = "done";
    window.kgView.ready = true;
  });

  function legend() {
    var box = document.getElementById("kg-legend");
    data.legend.forEach(function (entry) {
      var row = el("div", "kg-legend-row");
      var swatch = el("span", "kg-swatch");
      swatch.style.background = entry.color;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(entry.type + " (" + entry.count + ")"));
      box.appendChild(row);
    });
    Object.keys(data.modalities).forEach(function (modality) {
      var row = el("div", "kg-legend-row");
      var line = el("span", "kg-line");
      line.style.borderTopColor = data.modalities[modality];
      row.appendChild(line);
      row.appendChild(document.createTextNode(modality));
      box.appendChild(row);
    });
    var negated = el("div", "kg-legend-row");
    negated.appendChild(el("span", "kg-line dashed"));
    negated.appendChild(document.createTextNode("negated"));
    box.appendChild(negated);
  }

  function controls() {
    var actor = document.getElementById("kg-actor");
    data.nodes.slice().sort(function (a, b) { return a.name.localeCompare(b.name); })
      .forEach(function (node) { actor.appendChild(new Option(node.name, String(node.id))); });
    actor.addEventListener("change", function () {
      filter.actor = actor.value === "" ? null : Number(actor.value);
      refresh();
      if (filter.actor !== null) {
        network.selectNodes([filter.actor]);
        show(nodeTip(nodes.get(filter.actor)));
      }
      network.fit();
    });
    var relationClass = document.getElementById("kg-class");
    data.classes.forEach(function (name) { relationClass.appendChild(new Option(name, name)); });
    relationClass.addEventListener("change", function () { filter.relationClass = relationClass.value; refresh(); });
    var from = document.getElementById("kg-from"), to = document.getElementById("kg-to");
    if (data.dates.length) {
      document.getElementById("kg-dates").hidden = false;
      from.min = to.min = data.dates[0];
      from.max = to.max = data.dates[1];
    }
    from.addEventListener("change", function () { filter.from = from.value; refresh(); });
    to.addEventListener("change", function () { filter.to = to.value; refresh(); });
    document.getElementById("kg-reset").addEventListener("click", function () {
      actor.value = ""; relationClass.value = ""; from.value = ""; to.value = "";
      filter = {actor: null, relationClass: "", from: "", to: ""};
      refresh();
      network.unselectAll();
      network.fit();
    });
  }

  window.kgView = {network: network, nodes: nodes, edges: edges, nodeView: nodeView,
                   edgeView: edgeView, ready: false};
  legend();
  controls();
  count();
  if (!data.nodes.length) {
    document.getElementById("kg-loading").textContent = "No statements to show.";
    window.kgView.ready = true;
  }
})();
