// Copies the static web assets next to the compiled server (npm run build).
import { cpSync } from 'node:fs';

cpSync('src/web/assets', 'dist/web/assets', { recursive: true });
