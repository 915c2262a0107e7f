// "Go back" links on the error pages: the previous page when there is one, else the link's href.
document.querySelectorAll("[data-go-back]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    if (window.history.length > 1 && document.referrer) {
      event.preventDefault();
      window.history.back();
    }
  });
});
