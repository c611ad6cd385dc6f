// NewsCms admin: small enhancements over forms that work without script. Everything here is
// optional: live preview, slug suggestion, related-article search, autosave, leave warning.
(function () {
    "use strict";

    var form = document.getElementById("article_form");

    function token(f) {
        var input = f && f.querySelector("input[name='__RequestVerificationToken']");
        return input ? input.value : "";
    }

    function debounce(fn, ms) {
        var timer = 0;
        return function () {
            clearTimeout(timer);
            timer = setTimeout(fn, ms);
        };
    }

    // Confirmation for destructive buttons (the server still decides).
    document.querySelectorAll("form[data-confirm]").forEach(function (f) {
        f.addEventListener("submit", function (e) {
            if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
        });
    });

    // Select a fresh preview link, so it can be copied at once.
    var newLink = document.getElementById("new_preview_link");
    if (newLink) newLink.addEventListener("focus", function () { newLink.select(); });

    // Keys and secrets shown once: selected on focus, and a copy button where the clipboard is available.
    document.querySelectorAll("input[data-select-on-focus]").forEach(function (input) {
        input.addEventListener("focus", function () { input.select(); });
    });
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
        var id = button.getAttribute("data-copy");
        var source = document.getElementById(id);
        var status = document.querySelector("[data-copy-status='" + id + "']");
        if (!source || !navigator.clipboard) return;
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(source.value).then(function () {
                if (status) status.textContent = "Copied.";
            }, function () {
                source.focus();
                if (status) status.textContent = "Copying was not allowed: the text is selected, copy it with the keyboard.";
            });
        });
    });

    if (!form) return;

    // The slug the server will choose when the field is left empty, shown as its placeholder.
    var headline = form.querySelector("[data-slug-source]");
    var slug = form.querySelector("[data-slug-target]");
    function slugify(text) {
        return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/['\u2019\u2018]/g, "")
            .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 200);
    }
    if (headline && slug) {
        var suggest = function () { slug.placeholder = slugify(headline.value); };
        headline.addEventListener("input", suggest);
        suggest();
    }

    // Live preview of the body, rendered by the server's own pipeline.
    var body = form.querySelector("textarea[data-preview]");
    var target = document.getElementById(body ? body.getAttribute("data-preview") : "");
    var renderUrl = form.getAttribute("data-render");
    if (body && target && renderUrl) {
        var render = debounce(function () {
            var data = new FormData();
            data.append("markdown", body.value);
            data.append("__RequestVerificationToken", token(form));
            fetch(renderUrl, { method: "POST", body: data, credentials: "same-origin" })
                .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
                .then(function (html) { target.innerHTML = html; })
                .catch(function () { /* the "Show preview" button still works */ });
        }, 400);
        body.addEventListener("input", render);
    }

    // Related-article callout: search headlines, insert [[related: ID]] on its own line.
    var search = form.querySelector("[data-callout-search]");
    var results = form.querySelector("[data-callout-results]");
    var lookupUrl = form.getAttribute("data-lookup");
    if (search && results && body && lookupUrl) {
        var lookup = debounce(function () {
            var q = search.value.trim();
            results.textContent = "";
            if (q.length < 2) return;
            fetch(lookupUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (items) {
                    results.textContent = "";
                    if (items.length === 0) {
                        var none = document.createElement("li");
                        none.textContent = "No headline matches.";
                        results.appendChild(none);
                    }
                    items.forEach(function (item) {
                        var li = document.createElement("li");
                        var button = document.createElement("button");
                        button.type = "button";
                        button.textContent = "Insert “" + item.headline + "” (" + item.status + ")";
                        button.addEventListener("click", function () {
                            var at = body.selectionStart || body.value.length;
                            var before = body.value.slice(0, at);
                            var line = (before.length && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "")
                                + "[[related: " + item.id + "]]\n\n";
                            body.value = before + line + body.value.slice(at);
                            body.dispatchEvent(new Event("input", { bubbles: true }));
                            body.focus();
                            body.selectionStart = body.selectionEnd = at + line.length;
                        });
                        li.appendChild(button);
                        results.appendChild(li);
                    });
                })
                .catch(function () { });
        }, 300);
        search.addEventListener("input", lookup);
    }

    // Unsaved changes: warn before leaving; saving (any submit) is not leaving.
    var dirty = false;
    var submitting = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (e) {
        if (dirty && !submitting) {
            e.preventDefault();
            e.returnValue = "";
        }
    });

    // Autosave of drafts: best effort, with the version so it never overwrites someone else.
    var autosaveUrl = form.getAttribute("data-autosave");
    var status = form.querySelector(".autosave-status");
    var version = form.querySelector("input[name='Version']");
    if (autosaveUrl && version) {
        var pending = false;
        setInterval(function () {
            if (!dirty || pending || submitting) return;
            pending = true;
            var data = new FormData(form);
            data.set("command", "save");
            fetch(autosaveUrl, { method: "POST", body: data, credentials: "same-origin" })
                .then(function (r) {
                    return r.json().then(function (json) { return { ok: r.ok, status: r.status, json: json }; });
                })
                .then(function (result) {
                    if (result.ok) {
                        version.value = result.json.version;
                        dirty = false;
                        if (status) status.textContent = "Draft autosaved.";
                    } else if (status) {
                        status.textContent = result.json.message || "Not autosaved: save to see why.";
                    }
                })
                .catch(function () { if (status) status.textContent = "Not autosaved (offline?)."; })
                .finally(function () { pending = false; });
        }, 30000);
    }
})();
