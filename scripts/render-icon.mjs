// Renders media/icon.svg to media/icon.png: the Marketplace takes a PNG icon (128 px), not SVG.
// Uses Debian's Chromium through playwright-core, like the end-to-end tests.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const MEDIA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'media');
const browser = await chromium.launch({ executablePath: process.env.SOURCEMARK_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<body style="margin:0">${readFileSync(path.join(MEDIA, 'icon.svg'), 'utf8')}</body>`);
await page.locator('svg').screenshot({ path: path.join(MEDIA, 'icon.png'), omitBackground: true });
await browser.close();
console.log('wrote media/icon.png');
