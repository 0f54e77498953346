// Say so when the server sent us back here after a wrong token.

if (new URLSearchParams(window.location.search).has("failed")) {
  const hint = document.getElementById("login-hint");
  hint.textContent = "That token was not accepted. Check it and try again.";
  hint.classList.add("failed");
}
