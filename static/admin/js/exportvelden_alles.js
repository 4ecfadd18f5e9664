// The "select all" toggle of the admin's export form (django-import-export), wired
// here instead of by the inline onchange handler that the Content-Security-Policy
// (script-src 'self') blocks. templates/admin/import_export/export.html loads it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      document
        .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
        .forEach((checkbox) => {
          checkbox.checked = toggle.checked;
        });
    });
  });
});
