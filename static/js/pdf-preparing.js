// "This PDF is being prepared" (templates/publish/pdf_preparing.html): checks every few
// seconds whether the PDF is ready, says so in a status message, and then downloads it.
//
// A timed page refresh would do the same without script, but it moves a screen reader
// back to the top of the page every few seconds (WCAG 2.2.1): here only the status
// message changes. Without script the page offers "Check again now".

const root = document.querySelector("[data-module='pdf-preparing']");

if (root) {
  const url = root.dataset.pollUrl;
  const seconds = Number(root.dataset.pollSeconds) || 5;
  const status = root.querySelector("[role='status']");
  const say = (text) => {
    status.textContent = text;
  };

  say(`This page checks every ${seconds} seconds and the download starts when the PDF is ready.`);

  const check = async () => {
    let answer;
    try {
      // HEAD: the same answer as the download (200 ready, 202 still being prepared)
      // without its body.
      answer = await fetch(url, { method: "HEAD", credentials: "same-origin", cache: "no-store" });
    } catch {
      window.setTimeout(check, seconds * 1000); // offline for a moment: keep checking
      return;
    }
    if (answer.status === 200) {
      say("The PDF is ready. Your download is starting.");
      window.location.assign(url);
    } else if (answer.status === 202) {
      window.setTimeout(check, seconds * 1000);
    } else {
      window.location.reload(); // failed, or signed out: the server's page says what to do
    }
  };
  window.setTimeout(check, seconds * 1000);
}
