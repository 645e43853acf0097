// Bootstrap Italia loads its web fonts from window.__PUBLIC_PATH__; the folder's URL comes
// from this script tag's data-fonts attribute (no inline script, so CSP needs no exception).
window.__PUBLIC_PATH__ = document.currentScript.dataset.fonts;
