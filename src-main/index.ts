// Electron main entry (package.json "main" → out/main/index.js).
import { startApp } from './app/main';

void startApp();
