/// <reference lib="dom" />
/**
 * The application pages' script. On the documents page a chosen file is sent at once, with a progress bar, and the
 * page then shows it in the list; without scripts the same form posts the files when a button is pressed. On the
 * e-form pages fields are checked as they are filled in (`inline-validation.client.ts`).
 */
import { enhanceValidation } from './inline-validation.client.ts';

function enhanceUpload(form: HTMLFormElement): void {
  const status = form.querySelector<HTMLElement>('[data-upload-status]');
  const send = () => {
    const data = new FormData(form);
    data.set('action', 'upload');
    const request = new XMLHttpRequest();
    const progress = document.createElement('progress');
    progress.max = 100;
    progress.value = 0;
    if (status) {
      status.textContent = status.dataset.label ?? '';
      status.appendChild(progress);
    }
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener('load', () => {
      if (request.status < 400 && request.responseURL) {
        window.location.assign(request.responseURL);
        return;
      }
      // A refused file: the server's page says why, next to the field.
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => form.submit());
    request.open('POST', form.getAttribute('action') ?? '');
    request.send(data);
  };
  form.querySelectorAll<HTMLInputElement>('input[type=file][data-upload]').forEach((input) => {
    input.addEventListener('change', () => {
      if (input.files && input.files.length > 0) send();
    });
  });
}

document.querySelectorAll<HTMLFormElement>('form[data-upload-form]').forEach(enhanceUpload);
enhanceValidation();
