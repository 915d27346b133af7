import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IcarusError } from '../src/config/errors.js';
import { startXvfb } from '../src/display/start-xvfb.js';

test('a missing Xvfb names the package and the setup command', async () => {
  await assert.rejects(startXvfb('/nonexistent/Xvfb'), (error: unknown) => {
    assert.ok(error instanceof IcarusError);
    assert.match(error.message, /`xvfb`/);
    assert.match(error.message, /npm run setup/);
    return true;
  });
});

test('Xvfb reports a display and stops', async () => {
  const xvfb = await startXvfb();
  assert.match(xvfb.display, /^:\d+$/);
  xvfb.stop();
  xvfb.stop();
});
