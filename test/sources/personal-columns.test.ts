import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftName, draftProfile, sourceName } from '../../src/sources/init-profile.js';
import { loadProfile, parseProfile } from '../../src/sources/load-profile.js';
import { namesAnAddress, personalReason } from '../../src/sources/personal.js';
import { compileProfile } from '../../src/sources/profile-sql.js';
import { UserError } from '../../src/util/user-error.js';
import { tempDir } from '../helpers/shared-data.js';

/** The comments of a draft: whole comment lines and what follows `  #` on a line of keys. */
const commentsOf = (yaml: string) =>
  yaml
    .split('\n')
    .map((line) => (/^\s*#/.test(line) ? line : line.includes('  #') ? line.slice(line.indexOf('  #')) : ''))
    .filter(Boolean);

describe('personal columns of US, Canadian and Spanish-speaking CAD exports (tester 235)', () => {
  it('knows the phone numbers, callers and free text they name, and not their ids', () => {
    const personal = [
      // `beat: "Calling Number"` was valid, and put the callers' numbers in the public report.
      'Calling Number',
      'CallingNumber',
      'CALLING_NO',
      'MSISDN',
      'Reporting Number',
      'Numero',
      'Número',
      'Callback Number',
      'Call Back #',
      'ANI Number',
      'ANINumber',
      'ALI',
      'Originating Number',
      'Wireless Number',
      'Cellular',
      'Landline',
      'Calling Line ID',
      'IMEI',
      'TN',
      'Num Tel',
      'Número de Teléfono',
      'Numero Celular',
      'Móvil',
      'Cel',
      'Llamante',
      'Nombre del Denunciante',
      'Comentarios',
      'Observaciones',
      'Notas',
      "Nom de l'appelant",
      'Numéro de rappel',
      'Cellulaire',
      'Courriel',
      'Remarque',
      // Free text, flagged before too.
      'Narrative',
      'Comments',
      'Remarks',
      'Notes',
    ];
    const notPersonal = [
      // Ids, not phones.
      'Incident Number',
      'Case Number',
      'Call Number',
      'Unit Number',
      'Report Number',
      'CAD Number',
      'Event Number',
      'Número de Caso',
      'Numero de Incidente',
      'Numero de Llamada',
      // Near the new words, and no person's.
      'Reporting District',
      'Reporting Area',
      'Originating Agency',
      'Wireless Phase',
      'Cell Tower',
      'Calling Line',
      'Tipo de Llamada',
      'Unidad Movil',
      'Telecommunicator',
      'Hotel',
      // A description names a code in the exports safegap reads (Minneapolis' offense `description`,
      // Seattle's `Event Clearance Description`), often the call type itself: not left out by its name.
      'Description',
      'Call Type Description',
      'Descripción',
    ];
    expect(personal.filter((c) => personalReason(c) === null)).toEqual([]);
    expect(notPersonal.filter((c) => personalReason(c) !== null)).toEqual([]);
  });

  it('refuses a profile that maps Calling Number as an area', () => {
    const base = loadProfile('minneapolis-cad');
    const beat = { ...base, fields: { ...base.fields, beat: 'Calling Number' } };
    expect(() => compileProfile(beat)).toThrow(UserError);
    expect(() => compileProfile(beat)).toThrow(/reads the column `Calling Number`/);
  });

  it('lists them as never loaded in a draft', async () => {
    const f = join(tempDir(), 'export.csv');
    const rows = Array.from(
      { length: 10 },
      (_, i) => `${i},10/01/2022 10:0${i},THEFT,612555010${i},+1612555020${i},Numero ${i}`,
    );
    writeFileSync(
      f,
      `Incident Number,Call Received,Call Type,Calling Number,MSISDN,Comentarios\n${rows.join('\n')}\n`,
    );
    const d = await draftProfile(f);
    expect(d.personal).toEqual(['Calling Number', 'MSISDN', 'Comentarios']);
    expect(d.guesses.id).toBe('Incident Number');
  });
});

describe('personal columns in Spanish, French, German, Italian and Portuguese (tester 238)', () => {
  const personal = [
    // Callers and complainants.
    'Reportante',
    'Anrufer',
    'Anrufer Name',
    'Chiamante',
    'Melder',
    'Segnalante',
    'Comunicante',
    'Persona que llama',
    'Querellante',
    'Queixoso',
    'Beschwerdeführer',
    // Phones and a phone's device ids.
    'Rufnummer',
    'Handy',
    'Handynummer',
    'Fono',
    'Fono Contacto',
    'Telefone',
    'Cellulare',
    'Tel Nr',
    'Kontaktperson',
    'ICCID',
    'ESN',
    // Free text.
    'Kommentar',
    'Bemerkungen',
    'Notizen',
    'Hinweise',
    'Relato',
    'Récit',
    'Observação',
    'Osservazioni',
    'Sachverhalt',
    'Freitext',
    'Texto Libre',
    // Witnesses and victims.
    'Testigo',
    'Testemunha',
    'Témoin',
    'Zeuge',
    'Zeugin',
    'Vítima',
    'Vittima',
    'Opfer',
    'Nombre de la víctima',
    // Plates.
    'Placa',
    'Numero de Placa',
    'Plaque',
    'Matricula',
    'Matrícula',
    'Immatriculation',
    'Kennzeichen',
    'Kfz-Kennzeichen',
    'Targa',
    // Tester 244: a victim whose name ends like a time, dates of birth, a Portuguese caller, mobiles,
    // surnames, full names and nicknames.
    'Victime',
    'Date de naissance',
    'Data di nascita',
    'Data de nascimento',
    'Nome do chamador',
    'Telemóvel',
    'Portable',
    'Cognome',
    'Sobrenome',
    'Nom de famille',
    'Nom complet',
    'Apodo',
  ];
  const notPersonal = [
    // Ids, as before.
    'Numero Incidente',
    'Numero de Incidente',
    'Call Number',
    'Incident Number',
    'Número do Relatório',
    'Einsatzkennzeichen',
    // English words and words that hold the new ones.
    'Handyman',
    'Handy Tools',
    'Fahrzeuge',
    'Zeugnis',
    'Meldebild',
    'Meldeweg',
    'Anrufzeit',
    'Hotel Nr',
    'Fonologia',
    'Resn',
    'Received Via',
    'Kontakt ID',
    // Counts of people.
    'Número de Víctimas',
    'Anzahl Opfer',
    'Nombre de victimes',
  ];

  it('knows callers, complainants, phones, notes, witnesses, victims and plates, and not ids or counts', () => {
    expect(personal.filter((c) => personalReason(c) === null)).toEqual([]);
    expect(notPersonal.filter((c) => personalReason(c) !== null)).toEqual([]);
  });

  it('knows addresses in those languages, and not an area named with one', () => {
    const addresses = [
      'Adresse',
      'Direccion',
      'Dirección',
      'Straße',
      'Strasse',
      'Indirizzo',
      'Ubicación',
      'Einsatzort',
      'Rue',
    ];
    expect(addresses.filter((c) => !namesAnAddress(c))).toEqual([]);
    expect(
      ['Ubicación Distrito', 'Einsatzort Stadt', 'Numero Incidente', 'Received Via'].filter(namesAnAddress),
    ).toEqual([]);
  });

  it('lists them as never loaded in a draft, and refuses a profile that maps one', async () => {
    const f = join(tempDir(), 'export.csv');
    const rows = Array.from(
      { length: 10 },
      (_, i) => `${i},10/01/2022 10:0${i},ROBO,JUAN ${i},555010${i},ABC12${i},hola`,
    );
    writeFileSync(
      f,
      `Numero Incidente,Call Received,Call Type,Reportante,Rufnummer,Kennzeichen,Kommentar\n${rows.join('\n')}\n`,
    );
    const d = await draftProfile(f);
    expect(d.personal).toEqual(['Reportante', 'Rufnummer', 'Kennzeichen', 'Kommentar']);
    // Never loaded, not among the columns left for rules.
    expect(d.yaml.split('# Not mapped')[1]).not.toMatch(/Reportante|Rufnummer|Kennzeichen|Kommentar/);
    const base = loadProfile('minneapolis-cad');
    const beat = { ...base, fields: { ...base.fields, beat: 'Rufnummer' } };
    expect(() => compileProfile(beat)).toThrow(/reads the column `Rufnummer`/);
  });
});

describe("the source name drafted from a file's name (tester 235)", () => {
  it('drops a phone number after a telephone word joined by `_` (tester 238)', () => {
    expect(sourceName('/x/calls_john_smith_cb_555_0199.csv')).toBe('calls_john_smith_cb');
    expect(draftName('/x/calls_john_smith_cb_555_0199.csv')).toBe('calls_john_smith_cb');
    expect(sourceName('calls_tel-555-01-99_q4.csv')).toBe('calls_tel_q4');
    expect(draftName('calls_phone_no_555.0199_2022.csv')).toBe('calls_phone_no_2022');
    expect(sourceName('export_ph5550199.csv')).toBe('export_ph');
    // A date after a telephone word is eight digits, and stays where dates stay; so do digits after other words.
    expect(draftName('calls_cell_2022_10_01.csv')).toBe('calls_cell_2022_10_01');
    expect(sourceName('calls_cell_2022_10_01.csv')).toBe('calls_cell');
    expect(sourceName('graph_555_0199.csv')).toBe('graph_555_0199');
  });

  it('drops a phone number from the name and the source, and says both come from the file name', async () => {
    expect(sourceName('mpls_calls_for_ZEB_QWERTYFN_6125550099_2022.csv')).toBe('mpls_calls_for_zeb_qwertyfn');
    expect(sourceName('calls-612-555-0199.csv')).toBe('calls');
    expect(sourceName('calls_(612) 555-0199_q4.csv')).toBe('calls_q4');
    expect(sourceName('cad5550199.csv')).toBe('cad');
    expect(sourceName('6125550199.csv')).toBe('my_source');
    // Dates go as before, and a name of dates alone keeps them.
    expect(sourceName('cad_20221001_20221231.csv')).toBe('cad');
    expect(sourceName('20221001.csv')).toBe('src_20221001');
    expect(draftName('mpls_calls_for_ZEB_QWERTYFN_6125550099_2022.csv')).toBe(
      'mpls_calls_for_ZEB_QWERTYFN_2022',
    );
    expect(draftName('calls 612-555-0199.csv')).toBe('calls');
    expect(draftName('cad_20221001.csv')).toBe('cad_20221001');
    const f = join(tempDir(), 'calls_for_6125550099.csv');
    writeFileSync(f, 'Incident Number,Call Received,Call Type\n1,10/01/2022 10:00,THEFT\n');
    const { yaml } = await draftProfile(f);
    expect(yaml).toContain("name: calls_for  # GUESS: a human name for this source, from the file's name\n");
    expect(yaml).toContain(
      'source: calls_for  # GUESS: from the file\'s name, and published (in every call id and the report\'s "Sources:" line): check it names no person and no phone number; then keep it, stable\n',
    );
    expect(yaml.split('\n').slice(4).join('\n')).not.toContain('6125550099');
  });
});

describe('the comments of a draft (tester 235)', () => {
  it('quote no value of the file, and say their shape', async () => {
    const dir = tempDir();
    const f = join(dir, 'export.csv');
    const header = [
      'Incident Number',
      'Call Received',
      'Assigned Units',
      'Time Closed',
      'Arrived Date',
      'Time Cleared',
      'Call Time',
      'Call_Source',
      'Location',
      'Latitude',
      'Longitude',
      'first_dispatch_delay',
      'Call Type',
    ];
    const rows = Array.from({ length: 20 }, (_, i) => {
      const mm = String(i).padStart(2, '0');
      return [
        `CAD-22-${mm}`,
        `10/01/2022 10:${mm}`,
        // An officer's name, quoted in a comment as the example of a column named like a time.
        `M43${mm} OFC QWERTYCU`,
        i % 4 ? `10/01/2022 11:${mm}` : '1/1/1900 0:00',
        `10/${String((i % 9) + 2).padStart(2, '0')}/2022`,
        `${44835 + i}.25`,
        `1899-12-30 13:${mm}:00`,
        ['911', 'ONVIEW', 'WALK IN QWERTYWI'][i % 3],
        `"44.97${mm}, -93.26${mm}"`,
        `"44,97${mm}"`,
        `"-93,26${mm}"`,
        `${1300 + i}`,
        'THEFT',
      ].join(',');
    });
    writeFileSync(f, `${header.join(',')}\n${rows.join('\n')}\n`);
    const d = await draftProfile(f);
    // Each comment the draft can write about values is there, said by shape.
    const comments = commentsOf(d.yaml);
    const all = comments.join('\n');
    expect(all).toContain(
      '# Assigned Units is named like a time, but its values (written like "A9999 AAA AAAAAAAA", 9 for a digit, A for a capital letter) fit no format safegap knows',
    );
    expect(all).toContain(
      '# Arrived Date is named like a time, but its values (written like "99/99/9999", 9 for a digit) are dates',
    );
    expect(all).toContain(
      '# Time Cleared is named like a time, but its values (written like "99999.99", 9 for a digit) look like a spreadsheet\'s date number',
    );
    expect(all).toContain(
      'the sampled values of Call Time are times of day saved with a spreadsheet\'s date (written like "9999-99-99 99:99:99", 9 for a digit)',
    );
    expect(all).toContain(
      'Location holds both coordinates in one value (written like "99.9999, -99.9999", 9 for a digit)',
    );
    expect(all).toContain(
      'Latitude writes its numbers with a decimal comma (written like "99,9999", 9 for a digit)',
    );
    expect(all).toContain('# GUESS: numbers named like a delay');
    expect(all).toContain(
      '# GUESS: the last one is a time of the sample with a year before 1970 or after 2099, which looks like a placeholder',
    );
    expect(all).toContain('# GUESS: no word of this value or those below says how the call came in');
    // No comment holds a value of the file, nor a part of the officer's or the walk-in's name.
    const values = new Set(
      readFileSync(f, 'utf8')
        .split('\n')
        .slice(1)
        .flatMap((r) => r.match(/"[^"]*"|[^,]+/g) ?? [])
        .map((v) => v.replace(/^"|"$/g, ''))
        .filter((v) => v.length >= 4),
    );
    expect([...values].filter((v) => all.includes(v))).toEqual([]);
    expect(all).not.toMatch(/QWERTY|M43\d\d/);
    // The walk-ins keep a rule of their own, where the comment named them; the draft is a valid profile.
    const p = parseProfile(d.yaml, 'draft.yaml');
    expect(p.origin.rules.map((r) => [(r.if as { equals?: string }).equals, r.then])).toEqual([
      ['911', '911'],
      ['ONVIEW', 'officer_initiated'],
      ['WALK IN QWERTYWI', 'other'],
    ]);
    expect(p.nulls).toContain('1/1/1900 0:00');
  });
});

describe('abbreviations of a complainant and a plate (tester 261)', () => {
  it('knows them, and not a clearance or a vehicle type', () => {
    const personal = ['Cmplnt', 'CMPLNT', 'Complt', 'Veh Lic', 'VehLic', 'Vehicle License', 'VEH_REG'];
    const notPersonal = ['Clr', 'Clr Time', 'Vehicle Type', 'Veh Count', 'Completed'];
    expect(personal.filter((c) => personalReason(c) === null)).toEqual([]);
    expect(notPersonal.filter((c) => personalReason(c) !== null)).toEqual([]);
  });
});
