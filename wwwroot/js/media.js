// NewsCms admin, media: uploads one file per request with a progress bar each (the plain form
// posts them all at once without script), and the article editor's lead-image picker. The
// server checks everything again; this only shows progress and fills in the picked number.
(function () {
    "use strict";

    function token(el) {
        var form = el.closest("form");
        var input = form && form.querySelector("input[name='__RequestVerificationToken']");
        return input ? input.value : "";
    }

    function megabytes(bytes) {
        return Math.round(bytes / (1024 * 1024));
    }

    // One photo to the library. Resolves with {ok, status, json}; never rejects.
    function upload(url, antiforgery, file, fields, onProgress) {
        return new Promise(function (resolve) {
            var data = new FormData();
            data.append("file", file, file.name);
            Object.keys(fields).forEach(function (name) {
                if (fields[name]) data.append(name, fields[name]);
            });
            var xhr = new XMLHttpRequest();
            xhr.open("POST", url);
            xhr.setRequestHeader("RequestVerificationToken", antiforgery);
            xhr.setRequestHeader("Accept", "application/json");
            xhr.upload.addEventListener("progress", function (e) {
                if (e.lengthComputable) onProgress(Math.round(e.loaded * 100 / e.total));
            });
            xhr.addEventListener("load", function () {
                var json = null;
                try { json = JSON.parse(xhr.responseText); } catch (err) { json = null; }
                resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, json: json });
            });
            xhr.addEventListener("error", function () {
                resolve({ ok: false, status: 0, json: { message: "The upload failed: the connection was lost. Try again." } });
            });
            xhr.send(data);
        });
    }

    function failure(result) {
        if (result.json && result.json.message) return result.json.message;
        if (result.status === 413) return "The file is too large.";
        if (result.status === 400) return "The page has expired: reload it and try again.";
        return "The upload failed (" + result.status + ").";
    }

    // A row with the file's name, its progress bar and what happened to it.
    function progressRow(list, file) {
        var li = document.createElement("li");
        li.className = "upload-item";
        var name = document.createElement("span");
        name.className = "upload-item__name";
        name.textContent = file.name;
        var bar = document.createElement("progress");
        bar.max = 100;
        bar.value = 0;
        bar.setAttribute("aria-label", "Uploading " + file.name);
        var status = document.createElement("span");
        status.className = "upload-item__status";
        li.appendChild(name);
        li.appendChild(bar);
        li.appendChild(status);
        list.appendChild(li);
        return {
            progress: function (percent) { bar.value = percent; },
            done: function (text, href, linkText) {
                bar.value = 100;
                status.textContent = text;
                if (href) {
                    var a = document.createElement("a");
                    a.href = href;
                    a.textContent = linkText;
                    status.appendChild(document.createTextNode(" "));
                    status.appendChild(a);
                }
            },
            fail: function (text) {
                li.classList.add("upload-item--failed");
                bar.remove();
                status.textContent = "Not uploaded: " + text;
            },
        };
    }

    function tooLarge(file, maxBytes) {
        return maxBytes && file.size > maxBytes ? "The file is larger than " + megabytes(maxBytes) + " MB." : null;
    }

    // The upload page: each chosen file on its own request, one after another.
    document.querySelectorAll("form[data-media-upload]").forEach(function (form) {
        var url = form.getAttribute("data-media-upload");
        var maxBytes = Number(form.getAttribute("data-max-bytes")) || 0;
        var input = form.querySelector("input[type=file]");
        var list = form.querySelector("[data-upload-list]");
        if (!url || !input || !list || !window.FormData) return;
        form.addEventListener("submit", function (e) {
            var files = Array.prototype.slice.call(input.files || []);
            if (files.length === 0) return; // the server answers with its own message
            e.preventDefault();
            list.hidden = false;
            list.textContent = "";
            var fields = {};
            ["CreditLine", "Photographer", "Source", "CopyrightNotice"].forEach(function (name) {
                var field = form.querySelector("[name='" + name + "']");
                if (field) fields[name.charAt(0).toLowerCase() + name.slice(1)] = field.value;
            });
            var button = form.querySelector("button[type=submit]");
            if (button) button.disabled = true;
            files.reduce(function (previous, file) {
                var row = progressRow(list, file);
                return previous.then(function () {
                    var big = tooLarge(file, maxBytes);
                    if (big) { row.fail(big); return null; }
                    return upload(url, token(form), file, fields, row.progress).then(function (result) {
                        if (result.ok) row.done("Uploaded as image " + result.json.id + ".", result.json.editUrl, "Add its alt text");
                        else row.fail(failure(result));
                    });
                });
            }, Promise.resolve()).then(function () {
                if (button) button.disabled = false;
                input.value = "";
            });
        });
    });

    // The editor's lead image: search the library or upload, and the number field gets the pick.
    document.querySelectorAll("[data-media-picker]").forEach(function (picker) {
        var tools = picker.querySelector("[data-picker-tools]");
        var idInput = picker.querySelector("[data-picker-id]");
        var chosen = picker.querySelector("[data-picker-chosen]");
        if (!tools || !idInput || !chosen) return;
        tools.hidden = false;

        function show(item) {
            chosen.textContent = "";
            if (item.thumbnail) {
                var img = document.createElement("img");
                img.className = "lead-thumb";
                img.src = item.thumbnail;
                img.alt = "";
                img.width = 160;
                chosen.appendChild(img);
            }
            var what = document.createElement("p");
            what.className = "hint";
            var link = document.createElement("a");
            link.href = item.editUrl;
            link.textContent = "Image " + item.id;
            what.appendChild(link);
            what.appendChild(document.createTextNode(": " + (item.altText || "no alt text yet")));
            var credit = document.createElement("p");
            credit.className = "hint";
            credit.textContent = "Credit: " + (item.credit || "none");
            chosen.appendChild(what);
            chosen.appendChild(credit);
        }

        function choose(item) {
            idInput.value = item.id;
            idInput.dispatchEvent(new Event("input", { bubbles: true }));
            show(item);
        }

        var search = picker.querySelector("[data-picker-search]");
        var results = picker.querySelector("[data-picker-results]");
        var lookupUrl = picker.getAttribute("data-lookup");
        if (search && results && lookupUrl) {
            var timer = 0;
            var find = function () {
                fetch(lookupUrl + "?q=" + encodeURIComponent(search.value.trim()), { credentials: "same-origin" })
                    .then(function (r) { return r.ok ? r.json() : []; })
                    .then(function (items) {
                        results.textContent = "";
                        if (items.length === 0) {
                            var none = document.createElement("li");
                            none.textContent = "No photo matches.";
                            results.appendChild(none);
                        }
                        items.forEach(function (item) {
                            var li = document.createElement("li");
                            var button = document.createElement("button");
                            button.type = "button";
                            button.className = "picker-choice";
                            if (item.thumbnail) {
                                var img = document.createElement("img");
                                img.src = item.thumbnail;
                                img.alt = "";
                                img.width = 80;
                                button.appendChild(img);
                            }
                            var text = document.createElement("span");
                            text.textContent = "Use image " + item.id + ": " + (item.altText || item.fileName || "no alt text")
                                + (item.credit ? " (" + item.credit + ")" : "");
                            button.appendChild(text);
                            button.addEventListener("click", function () { choose(item); });
                            li.appendChild(button);
                            results.appendChild(li);
                        });
                    })
                    .catch(function () { });
            };
            search.addEventListener("input", function () {
                clearTimeout(timer);
                timer = setTimeout(find, 300);
            });
            // The newest photos as soon as the panel opens, before anything is typed.
            var panel = search.closest("details");
            if (panel) panel.addEventListener("toggle", function () { if (panel.open && !results.hasChildNodes()) find(); });
        }

        var uploadUrl = picker.getAttribute("data-upload");
        var maxBytes = Number(picker.getAttribute("data-max-bytes")) || 0;
        var file = picker.querySelector("[data-picker-file]");
        var alt = picker.querySelector("[data-picker-alt]");
        var creditLine = picker.querySelector("[data-picker-credit]");
        var send = picker.querySelector("[data-picker-upload]");
        var progress = picker.querySelector("[data-picker-progress]");
        if (uploadUrl && file && send && progress) {
            send.addEventListener("click", function () {
                var chosenFile = file.files && file.files[0];
                progress.textContent = "";
                if (!chosenFile) {
                    var hint = document.createElement("li");
                    hint.textContent = "Choose a photo first.";
                    progress.appendChild(hint);
                    file.focus();
                    return;
                }
                var row = progressRow(progress, chosenFile);
                var big = tooLarge(chosenFile, maxBytes);
                if (big) { row.fail(big); return; }
                send.disabled = true;
                upload(uploadUrl, token(picker), chosenFile, { altText: alt ? alt.value : "", creditLine: creditLine ? creditLine.value : "" }, row.progress)
                    .then(function (result) {
                        send.disabled = false;
                        if (!result.ok) { row.fail(failure(result)); return; }
                        row.done("Uploaded as image " + result.json.id + " and chosen as the lead image.", null, null);
                        file.value = "";
                        choose(result.json);
                    });
            });
        }
    });
})();
