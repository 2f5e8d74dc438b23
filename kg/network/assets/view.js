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
      meta(part, "When, where", statement.circumstances);
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

  var byId = {};
  data.nodes.forEach(function (node) { byId[node.id] = node; });

  // Things in a single statement stay hidden until the legend asks for them.
  var filter = {actor: null, relationClass: "", from: "", to: "", hiddenTypes: {}, minor: false};

  function statementShown(statement) {
    if (filter.relationClass && statement.relation_class !== filter.relationClass) return false;
    if (filter.from || filter.to) {
      if (!statement.date) return false;
      if (filter.from && statement.date < filter.from) return false;
      if (filter.to && statement.date > filter.to) return false;
    }
    return true;
  }

  function filtering() {
    return filter.actor !== null || filter.relationClass || filter.from || filter.to;
  }

  // While a filter narrows the view, minor Things are shown: they are what was asked for.
  // Nodes there only for a drawn actor's other statements wait until that actor is chosen.
  function kindShown(node) {
    if (node.extra && filter.actor === null) return false;
    return !filter.hiddenTypes[node.type] && (filter.minor || !node.minor || filtering());
  }

  function edgeShown(edge) {
    if (filter.actor !== null && edge.from !== filter.actor && edge.to !== filter.actor) return false;
    if (!kindShown(byId[edge.from]) || !kindShown(byId[edge.to])) return false;
    return edge.statements.some(statementShown);
  }

  var edgeView = new vis.DataView(edges, {filter: edgeShown});
  var network = null;
  var visibleNodes = visible();
  var nodeView = new vis.DataView(nodes, {filter: function (node) { return visibleNodes.has(node.id); }});

  // A node is drawn when one of its statements is (and the chosen actor always).
  function visible() {
    var shown = new Set(filter.actor !== null ? [filter.actor] : []);
    edgeView.get().forEach(function (edge) { shown.add(edge.from); shown.add(edge.to); });
    return shown;
  }

  function refresh() {
    edgeView.refresh();
    var before = visibleNodes;
    visibleNodes = visible();
    placeNewcomers(before);
    nodeView.refresh();
    count();
  }

  // A node coming into view starts next to a neighbour already placed, not at random.
  function placeNewcomers(before) {
    if (!network) return;
    var placed = network.getPositions(Array.from(before));
    var anchors = {};  // newcomer -> a placed neighbour, from one pass over the edges
    edgeView.get().forEach(function (edge) {
      [[edge.from, edge.to], [edge.to, edge.from]].forEach(function (pair) {
        if (!before.has(pair[0]) && placed[pair[1]] && anchors[pair[0]] === undefined) anchors[pair[0]] = pair[1];
      });
    });
    visibleNodes.forEach(function (id) {
      var anchor = anchors[id];
      if (before.has(id) || anchor === undefined) return;
      var angle = (id * 2.399963) % (2 * Math.PI);
      nodes.update({id: id, x: placed[anchor].x + 60 * Math.cos(angle),
                    y: placed[anchor].y + 60 * Math.sin(angle)});
    });
  }

  var container = document.getElementById("kg-network");
  network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, data.options);

  function count() {
    var actors = 0, things = 0, types = {};
    nodeView.forEach(function (node) {
      if (node.actor) actors += 1; else things += 1;
      types[node.type] = (types[node.type] || 0) + 1;
    });
    document.querySelectorAll("#kg-legend [data-type]").forEach(function (row) {
      row.lastChild.textContent = row.dataset.type + " (" + (types[row.dataset.type] || 0) + ")";
    });
    var statements = edgeView.get().reduce(function (sum, edge) {
      return sum + edge.statements.filter(statementShown).length;
    }, 0);
    var counter = document.getElementById("kg-count");
    counter.textContent = actors + " actors, " + things + " things, " +
      statements + " of " + data.shown.of_statements + " statements" + (data.subset ? " (a subset: see the legend)" : "");
    counter.title = data.subset;
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

  // The size of a node with its label under it, in canvas units.
  var measure = document.createElement("canvas").getContext("2d");
  function extent(id) {
    var node = network.body.nodes[id];  // vis-network's sizes after scaling by value
    var radius = node.options.size, font = node.labelModule.fontOptions;
    var size = {radius: radius, width: 2 * radius, height: 2 * radius};
    if (node.options.label) {
      measure.font = font.size + "px " + font.face;
      size.width = Math.max(size.width, measure.measureText(node.options.label).width + 4);
      size.height += font.size * 1.25;
    }
    return size;
  }

  function box(size, at) {
    return {left: at.x - size.width / 2, right: at.x + size.width / 2,
            top: at.y - size.radius - 3, bottom: at.y - size.radius + size.height + 3};
  }

  // Push apart nodes whose labels overlap, a little at a time, until none do.
  function spreadLabels() {
    var ids = nodeView.getIds(), at = network.getPositions(ids), sizes = ids.map(extent);
    for (var round = 0; round < 200; round += 1) {
      var moved = false, boxes = ids.map(function (id, i) { return box(sizes[i], at[id]); });
      for (var i = 0; i < ids.length; i += 1) {
        for (var j = i + 1; j < ids.length; j += 1) {
          var a = boxes[i], b = boxes[j];
          var dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          var dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (dx <= 0 || dy <= 0) continue;
          var p = at[ids[i]], q = at[ids[j]];
          var horizontal = dx * 0.6 < dy;  // labels are wide: moving sideways costs more
          var sign = (horizontal ? p.x - q.x : p.y - q.y) >= 0 ? 1 : -1;
          var step = (horizontal ? dx : dy) / 2 + 1;
          if (horizontal) { p.x += sign * step; q.x -= sign * step; } else { p.y += sign * step; q.y -= sign * step; }
          boxes[i] = box(sizes[i], p); boxes[j] = box(sizes[j], q);
          moved = true;
        }
      }
      if (!moved) break;
    }
    ids.forEach(function (id) { network.moveNode(id, at[id].x, at[id].y); });
  }

  // Fit the drawing to the window, but do not blow a small one up to poster size.
  var MAX_FIT_SCALE = 0.8;
  function fit() {
    network.fit();
    if (network.getScale() > MAX_FIT_SCALE) network.moveTo({scale: MAX_FIT_SCALE});
  }

  // Settle, spread the labels, then freeze so the picture stops moving; dragging still works.
  function settle(first) {
    window.kgView.ready = false;
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      spreadLabels();
      fit();
      document.getElementById("kg-loading").className = "done";
      window.kgView.ready = true;
    });
    if (!first) {
      network.setOptions({physics: {enabled: true}});
      network.stabilize(200);
    }
  }

  // Apply a change of filters; nodes that come into view are laid out among the others.
  function update(change) {
    var before = visibleNodes;
    change();
    refresh();
    if (Array.from(visibleNodes).some(function (id) { return !before.has(id); })) settle(false);
  }

  function checkbox(row, checked, onChange) {
    var input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); });
    row.insertBefore(input, row.firstChild);
    return input;
  }

  var toggles = [];

  function legend() {
    var box = document.getElementById("kg-legend");
    data.legend.forEach(function (entry) {
      var row = el("label", "kg-legend-row");
      var swatch = el("span", "kg-swatch");
      swatch.style.background = entry.color;
      row.appendChild(swatch);
      row.appendChild(el("span", null, entry.type));
      row.dataset.type = entry.type;
      toggles.push(checkbox(row, true, function (on) {
        update(function () { filter.hiddenTypes[entry.type] = !on; });
      }));
      box.appendChild(row);
      if (entry.type === "Thing" && data.minor) {
        var minor = el("label", "kg-legend-row kg-minor");
        minor.appendChild(document.createTextNode("+ " + data.minor + " things in a single statement"));
        minor.id = "kg-minor";
        toggles.push(checkbox(minor, false, function (on) {
          update(function () { filter.minor = on; });
        }));
        box.appendChild(minor);
      }
    });
    Object.keys(data.modalities).forEach(function (modality) {
      var row = el("div", "kg-legend-row");
      var line = el("span", "kg-line");
      line.style.borderTopColor = data.modalities[modality];
      row.appendChild(line);
      row.appendChild(document.createTextNode(modality + " statement"));
      box.appendChild(row);
    });
    var negated = el("div", "kg-legend-row");
    negated.appendChild(el("span", "kg-line dashed"));
    negated.appendChild(document.createTextNode("negated statement"));
    box.appendChild(negated);
    box.appendChild(el("p", "kg-hint", "Dot size: how often an actor is mentioned. Scroll to zoom; zoom in to read the relations."));
    if (data.subset) box.appendChild(el("p", "kg-subset", data.subset));
  }

  function controls() {
    var actor = document.getElementById("kg-actor");
    [["Actors", true], ["Things", false]].forEach(function (group) {
      var options = el("optgroup");
      options.label = group[0];
      data.nodes.filter(function (node) { return node.actor === group[1] && !node.extra; })
        .sort(function (a, b) { return a.name.localeCompare(b.name); })
        .forEach(function (node) { options.appendChild(new Option(node.name, String(node.id))); });
      if (options.children.length) actor.appendChild(options);
    });
    actor.addEventListener("change", function () {
      update(function () { filter.actor = actor.value === "" ? null : Number(actor.value); });
      if (filter.actor !== null) {
        network.selectNodes([filter.actor]);
        show(nodeTip(nodes.get(filter.actor)));
      }
      fit();
    });
    var relationClass = document.getElementById("kg-class");
    data.classes.forEach(function (name) { relationClass.appendChild(new Option(name, name)); });
    relationClass.addEventListener("change", function () {
      update(function () { filter.relationClass = relationClass.value; });
    });
    var from = document.getElementById("kg-from"), to = document.getElementById("kg-to");
    if (data.dates.length) {
      document.getElementById("kg-dates").hidden = false;
      from.min = to.min = data.dates[0];
      from.max = to.max = data.dates[1];
    }
    from.addEventListener("change", function () { update(function () { filter.from = from.value; }); });
    to.addEventListener("change", function () { update(function () { filter.to = to.value; }); });
    document.getElementById("kg-reset").addEventListener("click", function () {
      actor.value = ""; relationClass.value = ""; from.value = ""; to.value = "";
      toggles.forEach(function (input) { input.checked = input.parentNode.id !== "kg-minor"; });
      update(function () {
        filter = {actor: null, relationClass: "", from: "", to: "", hiddenTypes: {}, minor: false};
      });
      network.unselectAll();
      fit();
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
  } else {
    settle(true);
  }
})();
