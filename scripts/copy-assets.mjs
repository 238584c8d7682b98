// Copies the static web assets next to the compiled server (npm run build).
import { cpSync } from 'node:fs';

cpSync('src/web/assets', 'dist/src/web/assets', { recursive: true });
