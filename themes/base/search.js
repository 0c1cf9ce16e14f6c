/* guidekit site search: ranks guides against the build-time index, no server. The index is split
   (builder/site/search_index.py): an entry file (assets/search-<lang>.js), word chunks and guide chunks
   (assets/search-<lang>/w<n>.js, d<n>.js); a query loads only the chunks of its words and of the
   guides it shows. Every file is a script, so search also works opened from disk (file://).
   Without this script the search page still lists every guide A-Z; the form stays hidden. */
(function () {
  "use strict";

  // Match kinds dominate, but a synonym is the same thing in other words: in a title (8) it ranks
  // above the word itself in a summary (4), as the guide about it above one that mentions it.
  var KIND = { word: 1000, synonym: 800, pinyin: 10, initials: 1 };
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;
  var LONGEST_WORD = 8;
  var SHOWN_AT_ONCE = 20; // each further batch loads the guide chunks of its results only

  function normalize(text) {
    return (text.normalize ? text.normalize("NFKC") : text).toLowerCase().trim();
  }

  function has(map, key) {
    return Boolean(map) && Object.prototype.hasOwnProperty.call(map, key);
  }

  function own(map, key) {
    return has(map, key) ? map[key] : [];
  }

  // FNV-1a over UTF-16 code units, as search_index.chunk_of computes it at build time.
  function chunkOf(key, chunks) {
    var value = 0x811c9dc5;
    for (var i = 0; i < key.length; i += 1) {
      value = Math.imul(value ^ key.charCodeAt(i), 0x01000193) >>> 0;
    }
    return value % chunks;
  }

  // A script element, not fetch: Chromium fetches nothing from file://, but runs its scripts.
  function loadScript(src) {
    return new Promise(function (resolve) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = script.onerror = function () {
        script.remove();
        resolve();
      };
      document.head.appendChild(script);
    });
  }

  function Index(lang, entry, folder) {
    var loading = {};
    function chunk(name) {
      var key = lang + "/" + name;
      if (!loading[key]) {
        loading[key] = loadScript(folder + name + ".js").then(function () {
          return (window.guidekitSearchChunks || {})[key] || {};
        });
      }
      return loading[key];
    }
    var words = {}; // key -> its word chunk, once loaded
    this.entry = entry;
    // Loads the chunks of every key (words, pinyin and initials keys) not loaded yet.
    this.need = function (keys) {
      return Promise.all(keys.map(function (key) {
        return words[key] ? null : chunk("w" + chunkOf(key, entry.wordChunks)).then(function (data) {
          words[key] = data;
        });
      }));
    };
    this.words = function (key) {
      return words[key] || {};
    };
    // The title phrases a run of initials spells: a chunk of their own, loaded only for a run that
    // spells no word.
    this.phrases = function (key) {
      return chunk("q" + chunkOf(key, entry.phraseChunks)).then(function (data) {
        return own(data, key);
      });
    };
    this.doc = function (number) {
      return chunk("d" + Math.floor(number / entry.docChunk)).then(function (docs) {
        return docs[number % entry.docChunk];
      });
    };
  }

  // Each word's postings as [guide number, weight, ...]; the chunk stores gaps between numbers.
  function postings(index, word) {
    var gaps = own(index.words(word).w, word);
    var pairs = [];
    var doc = 0;
    for (var i = 0; i < gaps.length; i += 2) {
      doc += gaps[i];
      pairs.push(doc, gaps[i + 1]);
    }
    return pairs;
  }

  function known(index, word) {
    var chunk = index.words(word);
    return has(chunk.w, word) || has(chunk.s, word) || has(index.entry.synonyms, word);
  }

  // Chinese has no spaces: cut a run of characters into the longest words the index knows.
  function cutChinese(run, index) {
    var words = [];
    var start = 0;
    while (start < run.length) {
      var end = Math.min(run.length, start + LONGEST_WORD);
      while (end > start + 1 && !known(index, run.slice(start, end))) end -= 1;
      words.push(run.slice(start, end));
      start = end;
    }
    return words;
  }

  // One pinyin syllable: an initial, then the longest final that fits ("jiankangma": jian kang ma).
  var SYLLABLE = /(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)/g;

  function spells(index, key) {
    return has(index.words(key).p, key) || has(index.words(key).i, key);
  }

  // A run of letters that is no word and spells none may be a phrase the index holds as several
  // words (健康码: 健康 + 码): the initials of a title phrase stand for its words ("jkm" -> 健康, 码);
  // its pinyin is cut into the longest words' pinyin it knows, syllable by syllable: "jiankangma"
  // -> jiankang, ma. A run that no such cut covers stays whole.
  function cutLetters(run, index) {
    return index.need([run]).then(function () {
      if (known(index, run) || spells(index, run)) return [run];
      return index.phrases(run).then(function (phrases) {
        if (!phrases.length) return cutPinyin(run, index);
        return phrases.reduce(function (words, phrase) {
          return words.concat(phrase.filter(function (word) { return words.indexOf(word) < 0; }));
        }, []);
      });
    });
  }

  function cutPinyin(run, index) {
    var syllables = run.match(SYLLABLE) || [];
    if (syllables.join("") !== run || syllables.length < 2) return Promise.resolve([run]);
    var spans = [];
    for (var start = 0; start < syllables.length; start += 1) {
      for (var end = start + 1; end <= Math.min(syllables.length, start + LONGEST_WORD); end += 1) {
        spans.push(syllables.slice(start, end).join(""));
      }
    }
    return index.need(spans).then(function () {
      var words = [];
      for (var at = 0; at < syllables.length;) {
        var end = Math.min(syllables.length, at + LONGEST_WORD);
        while (end > at && !spells(index, syllables.slice(at, end).join(""))) end -= 1;
        if (end === at) return [run];
        words.push(syllables.slice(at, end).join(""));
        at = end;
      }
      return words;
    });
  }

  function isPinyin(letters) {
    return (letters.match(SYLLABLE) || []).join("") === letters;
  }

  // "passports" for passport, "allowance" for allowances: the other number of an English word
  function otherForms(word) {
    if (!/^[a-z]{4,}$/.test(word)) return [];
    if (/ies$/.test(word)) return [word.slice(0, -3) + "y", word.slice(0, -1)];
    if (/(?:ch|sh|ss|x)es$/.test(word)) return [word.slice(0, -2)];
    if (/[^s]s$/.test(word)) return [word.slice(0, -1)];
    return [/y$/.test(word) && !/[aeiou]y$/.test(word) ? word.slice(0, -1) + "ies" : word + "s"];
  }

  function queryTerms(query, index) {
    var pieces = normalize(query).match(/[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9]+/g) || [];
    // every word a Chinese run could be cut into, and the other pieces: their chunks, all at once
    var candidates = pieces.filter(function (piece) { return !HAN.test(piece); });
    pieces.filter(function (piece) { return HAN.test(piece); }).forEach(function (run) {
      for (var start = 0; start < run.length; start += 1) {
        for (var end = start + 2; end <= Math.min(run.length, start + LONGEST_WORD); end += 1) {
          candidates.push(run.slice(start, end));
        }
      }
    });
    return index.need(candidates).then(function () {
      var terms = [];
      pieces.forEach(function (piece) {
        terms.push.apply(terms, HAN.test(piece) ? cutChinese(piece, index) : [piece]);
      });
      // "ju zhu zheng" is one word spelled in syllables; "social security" is two words
      var letters = normalize(query).replace(/[\s'’]+/g, "");
      var words = terms.every(function (term) { return known(index, term); });
      if (terms.length > 1 && /^[a-z]+$/.test(letters) && isPinyin(letters) && !words) {
        terms = [letters];
      }
      return Promise.all(terms.map(function (term) {
        return /^[a-z]+$/.test(term) ? cutLetters(term, index) : [term];
      }));
    }).then(function (cuts) {
      return [].concat.apply([], cuts);
    });
  }

  // The words a term reaches, each with how: itself, its synonyms and other number (ranked as
  // synonyms), the words it spells.
  function reached(term, index) {
    // a word, or its spelling in the other Chinese script (征信 typed for 徵信, 醫保 for 医保)
    var found = [[term, "word"]].concat(own(index.words(term).s, term).map(function (word) { return [word, "word"]; }));
    found.slice().forEach(function (match) {
      own(index.entry.synonyms, match[0]).forEach(function (word) { found.push([word, "synonym"]); });
    });
    otherForms(term).forEach(function (word) { found.push([word, "synonym"]); });
    if (!HAN.test(term)) {
      // a word spelled, and its synonyms: "sbk" is 社保卡, and so 社会保障卡
      [["pinyin", index.words(term).p], ["initials", index.words(term).i]].forEach(function (kind) {
        own(kind[1], term).forEach(function (word) {
          found.push([word, kind[0]]);
          own(index.entry.synonyms, word).forEach(function (other) { found.push([other, kind[0]]); });
        });
      });
    }
    return found;
  }

  // Best score per guide for one query term.
  function termScores(term, index) {
    var scores = {};
    reached(term, index).forEach(function (match) {
      var pairs = postings(index, match[0]);
      for (var i = 0; i < pairs.length; i += 2) {
        var score = KIND[match[1]] * pairs[i + 1];
        if (!(scores[pairs[i]] >= score)) scores[pairs[i]] = score;
      }
    });
    return scores;
  }

  // Guides matching more of the query first, then by score, then in index order.
  function rank(index, terms) {
    var totals = {};
    terms.forEach(function (term) {
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

  function search(index, query) {
    return queryTerms(query, index).then(function (terms) {
      // a term's own chunk holds the words it spells; theirs and its synonyms' hold the postings
      return index.need(terms).then(function () {
        var words = [];
        terms.forEach(function (term) {
          reached(term, index).forEach(function (match) { words.push(match[0]); });
        });
        return index.need(words);
      }).then(function () {
        return rank(index, terms);
      });
    });
  }

  function Results(form, index) {
    var title = document.getElementById("gk-search-title");
    var status = document.getElementById("gk-search-status");
    var list = document.getElementById("gk-search-results");
    var more = document.getElementById("gk-search-more");
    var latest = 0;
    var shown = [];
    var results = [];

    function showMore(focus) {
      var batch = results.slice(shown.length, shown.length + SHOWN_AT_ONCE);
      shown = shown.concat(batch);
      var asked = latest;
      return Promise.all(batch.map(function (result) { return index.doc(result.doc); })).then(function (docs) {
        if (asked !== latest) return;
        docs.forEach(function (doc, position) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = form.getAttribute("data-root") + doc[2];
          link.textContent = doc[0];
          var summary = document.createElement("p");
          summary.textContent = doc[1];
          item.appendChild(link);
          item.appendChild(summary);
          list.appendChild(item);
          if (focus && position === 0) link.focus();
        });
        list.hidden = shown.length === 0;
        more.hidden = shown.length >= results.length;
      });
    }

    this.show = function (query) {
      latest += 1;
      var asked = latest;
      list.textContent = "";
      title.hidden = list.hidden = more.hidden = true;
      status.textContent = "";
      shown = results = [];
      if (!query.trim()) return;
      search(index, query).then(function (found) {
        if (asked !== latest) return;
        results = found;
        return showMore(false).then(function () {
          if (asked !== latest) return;
          title.hidden = false;
          status.textContent = counted(found.length ? form.getAttribute("data-found") : form.getAttribute("data-none"),
            found.length).replace("{query}", echoed(query));
        });
      });
    };
    more.addEventListener("click", function () { showMore(true); });
  }

  // The status is read aloud when it changes: a long query (a pasted paragraph) is said only up to
  // where the reader recognises it.
  var ECHOED = 30;
  function echoed(query) {
    var characters = Array.from(query.trim());
    return characters.length > ECHOED ? characters.slice(0, ECHOED).join("") + "…" : characters.join("");
  }

  // "{n:|guide|guides}" says the count with the word that fits it, as the build's messages do
  function counted(text, n) {
    return text.replace(/\{n(?::\|([^|}]*)\|([^}]*))?\}/, function (field, one, many) {
      return one === undefined ? String(n) : n + " " + (n === 1 ? one : many);
    });
  }

  function start() {
    var form = document.querySelector("form[data-gk-search]");
    if (!form) return;
    var lang = form.getAttribute("data-lang");
    loadScript(form.getAttribute("data-index")).then(function () {
      var entry = (window.guidekitSearch || {})[lang];
      if (!entry) return;
      var results = new Results(form, new Index(lang, entry, form.getAttribute("data-chunks")));
      var input = form.querySelector("input[name=q]");
      form.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        results.show(input.value);
        if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
          window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
        }
      });
      var initial = new URLSearchParams(window.location.search).get("q");
      if (initial) {
        input.value = initial;
        results.show(initial);
      }
    });
  }

  start();
})();
