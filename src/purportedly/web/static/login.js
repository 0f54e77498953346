// Say so when the server sent us back here after a wrong token; keep the page asked for
// (a deep link) so that signing in leads there. The server checks it is a local path.

const params = new URLSearchParams(window.location.search);
// the workspace's own links are fragments (#/article/3), which a redirect keeps but a form does not
const wanted = params.get("next") || (window.location.hash ? `/${window.location.hash}` : null);
if (wanted && wanted.startsWith("/") && !wanted.startsWith("//")) {
  document.getElementById("next").value = wanted;
}

if (params.has("failed")) {
  const hint = document.getElementById("login-hint");
  hint.textContent = "That token was not accepted. Check it and try again.";
  hint.classList.add("failed");
}
