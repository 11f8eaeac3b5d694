// The console's live previews: a form marked data-preview redraws the page's preview frames
// with the values being typed, before anything is saved. Without this script the form's
// Preview button does the same with a page load.
for (const form of document.querySelectorAll('form[data-preview]')) {
  let timer;
  const redraw = () => {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (name !== 'csrf' && typeof value === 'string') query.append(name, value);
    }
    for (const frame of document.querySelectorAll('iframe[data-src]')) {
      frame.src = `${frame.dataset.src}?${query}`;
    }
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(redraw, 250);
  });
  form.addEventListener('change', redraw);
}
