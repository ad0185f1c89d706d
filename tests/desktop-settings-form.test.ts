import { describe, expect, it } from 'vitest';
import {
  checkFields,
  fieldsFrom,
  refusedFields,
  settingsInput,
} from '../src/renderer/views/desktop/settings-fields.js';

/** The settings form's pure half: what it sends to `settings.save` and how it reads a refusal. */
describe('the desktop settings form', () => {
  const filled = {
    ...fieldsFrom(null),
    displayName: ' amy ',
    aggregatorUrl: 'https://wocas.example.com',
  };

  it('starts from the defaults on first run, with the token always empty', () => {
    expect(fieldsFrom(null)).toMatchObject({
      hotkey: 'Ctrl+Shift+Space',
      syncIntervalSeconds: '30',
      softphonePort: '47611',
      token: '',
    });
  });

  it('leaves an empty token out (keep the stored one) and sends a typed one', () => {
    expect(settingsInput(filled)).not.toHaveProperty('token');
    expect(settingsInput({ ...filled, token: ' tok_12345678 ' })).toMatchObject({
      token: 'tok_12345678',
      displayName: 'amy',
      syncIntervalSeconds: 30,
    });
  });

  it('checks the name and the numbers before asking the desktop', () => {
    expect(checkFields(filled)).toEqual([]);
    expect(
      checkFields({ ...filled, displayName: ' ', syncIntervalSeconds: '5', softphonePort: '80.5' }),
    ).toEqual([
      { field: 'displayName', problem: 'required' },
      { field: 'syncIntervalSeconds', problem: 'range', min: 10, max: 3_600 },
      { field: 'softphonePort', problem: 'range', min: 1_024, max: 65_535 },
    ]);
  });

  it('puts each part of a refusal on the field it names, and keeps the rest for the form', () => {
    expect(
      refusedFields(
        'invalid arguments: aggregatorUrl: must start with https://; token: is too short to be a token; unknown field(s): x',
      ),
    ).toEqual({
      fields: { aggregatorUrl: 'must start with https://', token: 'is too short to be a token' },
      rest: ['unknown field(s): x'],
    });
    expect(
      refusedFields('Hotkey: Shift+A types a character in every program; add Ctrl or Alt.'),
    ).toEqual({
      fields: { hotkey: 'Hotkey: Shift+A types a character in every program; add Ctrl or Alt.' },
      rest: [],
    });
  });
});
