// Starts Swagger UI on /docs (tagwerk.service.docs): the files come from this server, the
// API description from the URL in data-openapi; the bearer token entered under "Authorize"
// is kept while the page is open.
"use strict";
window.addEventListener("load", () => {
  const box = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: box.dataset.openapi,
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
