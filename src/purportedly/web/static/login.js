// Say so when the server sent us back here after a wrong token; keep the page asked for
// (a deep link) so that signing in leads there. The server checks it is a local path.

const params = new URLSearchParams(window.location.search);
const wanted = params.get("next");
if (wanted && wanted.startsWith("/") && !wanted.startsWith("//")) {
  document.getElementById("next").value = wanted;
}

if (params.has("failed")) {
  const hint = document.getElementById("login-hint");
  hint.textContent = "That token was not accepted. Check it and try again.";
  hint.classList.add("failed");
}
