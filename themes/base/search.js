/* guidekit site search: ranks guides against the build-time index (assets/search-<lang>.js), no server.
   Without this script the search page still lists every guide A-Z; the form stays hidden. */
(function () {
  "use strict";

  // Match kinds dominate; inside a kind the field weight (title 8 ... body 1) decides.
  var KIND = { word: 1000, synonym: 100, pinyin: 10, initials: 1 };
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;
  var LONGEST_WORD = 8;

  function normalize(text) {
    return (text.normalize ? text.normalize("NFKC") : text).toLowerCase().trim();
  }

  // Chinese has no spaces: cut a run of characters into the longest words the index knows.
  function cutChinese(run, known) {
    var words = [];
    var start = 0;
    while (start < run.length) {
      var end = Math.min(run.length, start + LONGEST_WORD);
      while (end > start + 1 && !known(run.slice(start, end))) end -= 1;
      words.push(run.slice(start, end));
      start = end;
    }
    return words;
  }

  function queryTerms(query, index) {
    var known = function (word) {
      return Object.prototype.hasOwnProperty.call(index.words, word) ||
        Object.prototype.hasOwnProperty.call(index.synonyms, word);
    };
    var terms = [];
    (normalize(query).match(/[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9]+/g) || []).forEach(function (piece) {
      terms.push.apply(terms, HAN.test(piece) ? cutChinese(piece, known) : [piece]);
    });
    // "ju zhu zheng" is one word spelled in syllables
    var letters = normalize(query).replace(/[\s'’]+/g, "");
    if (terms.length > 1 && /^[a-z]+$/.test(letters)) terms = [letters];
    return terms;
  }

  function own(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : [];
  }

  // Best score per guide for one query term.
  function termScores(term, index) {
    var scores = {};
    function credit(word, kind) {
      var postings = own(index.words, word);
      for (var i = 0; i < postings.length; i += 2) {
        var score = KIND[kind] * postings[i + 1];
        if (!(scores[postings[i]] >= score)) scores[postings[i]] = score;
      }
    }
    credit(term, "word");
    own(index.synonyms, term).forEach(function (word) { credit(word, "synonym"); });
    if (!HAN.test(term)) {
      own(index.pinyin, term).forEach(function (word) { credit(word, "pinyin"); });
      own(index.initials, term).forEach(function (word) { credit(word, "initials"); });
    }
    return scores;
  }

  // Guides matching more of the query first, then by score, then in index order.
  function rank(index, query) {
    var totals = {};
    queryTerms(query, index).forEach(function (term) {
      var scores = termScores(term, index);
      Object.keys(scores).forEach(function (doc) {
        var total = totals[doc] || (totals[doc] = { doc: Number(doc), terms: 0, score: 0 });
        total.terms += 1;
        total.score += scores[doc];
      });
    });
    return Object.keys(totals).map(function (doc) { return totals[doc]; }).sort(function (a, b) {
      return b.terms - a.terms || b.score - a.score || a.doc - b.doc;
    });
  }

  function show(form, index, query) {
    var status = document.getElementById("gk-search-status");
    var list = document.getElementById("gk-search-results");
    list.textContent = "";
    if (!query.trim()) {
      status.textContent = "";
      list.hidden = true;
      return;
    }
    var results = rank(index, query);
    status.textContent = (results.length ? form.getAttribute("data-found") : form.getAttribute("data-none"))
      .replace("{n}", String(results.length)).replace("{query}", query.trim());
    results.forEach(function (result) {
      var doc = index.docs[result.doc];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = form.getAttribute("data-root") + doc[2];
      link.textContent = doc[0];
      var summary = document.createElement("p");
      summary.textContent = doc[1];
      item.appendChild(link);
      item.appendChild(summary);
      list.appendChild(item);
    });
    list.hidden = results.length === 0;
  }

  function start() {
    var form = document.querySelector("form[data-gk-search]");
    var index = form && (window.guidekitSearch || {})[form.getAttribute("data-lang")];
    if (!index) return;
    var input = form.querySelector("input[name=q]");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(form, index, input.value);
      if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      }
    });
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) {
      input.value = initial;
      show(form, index, initial);
    }
  }

  start();
})();
