/* The status page of a background job (templates/core/taak_detail.html): ask
   status.json every second, move the progress bar, and reload the page when the job
   has ended so it shows the result and the download. Without JavaScript a
   <meta http-equiv="refresh"> in <noscript> reloads the page instead. */
(function () {
  "use strict";
  var kaart = document.getElementById("taak");
  if (!kaart || !window.fetch) {
    return;
  }
  var url = kaart.getAttribute("data-status-url");

  function veld(naam) {
    return kaart.querySelector('[data-veld="' + naam + '"]');
  }

  function toon(s) {
    var balk = veld("voortgang");
    balk.value = s.voortgang;
    balk.textContent = s.voortgang + "%";
    var tekst = s.voortgang + "%";
    if (s.totaal) {
      tekst += " · " + s.gedaan + " van " + s.totaal;
    }
    veld("voortgang-tekst").textContent = tekst;
    var status = veld("status");
    status.textContent = s.status_tekst;
    status.className = "label " + s.status;
    veld("melding").textContent = s.melding;
  }

  function vraag() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (antwoord) {
        if (!antwoord.ok) {
          throw new Error(antwoord.status);
        }
        return antwoord.json();
      })
      .then(function (s) {
        toon(s);
        if (s.afgelopen) {
          window.location.reload();
        } else {
          window.setTimeout(vraag, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(vraag, 5000);
      });
  }

  window.setTimeout(vraag, 1000);
})();
