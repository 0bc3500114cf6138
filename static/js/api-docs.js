// The API documentation page (templates/api/docs.html): Swagger UI reading the OpenAPI
// description with the browser's session. The description's address is on the element.
// "Try it out" sends GETs only (the API reads; it answers nothing else).
(function () {
  const element = document.getElementById("swagger-ui");
  if (!element || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  SwaggerUIBundle({
    url: element.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    supportedSubmitMethods: ["get"],
    // The page's own session cookie goes with each request; no token is asked for here.
    withCredentials: true,
  });
})();
