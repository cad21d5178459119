import { dirname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { BUILTIN_PROFILE_DIR, builtinProfileNames, loadProfile } from '../sources/load-profile.js';
import { draftProfile } from '../sources/init-profile.js';
import { writeOutputFile } from '../util/write-file.js';
import { profileJsonSchema } from '../sources/json-schema.js';
import { compileProfile } from '../sources/profile-sql.js';
import { profileAsWritten } from '../sources/show-profile.js';
import { visibleText } from '../util/words.js';
import { terminalSafe } from './format.js';

export function registerProfileCommands(program: Command): void {
  const profile = program
    .command('profile')
    .description('Source profiles: how an export maps onto the calls schema');

  profile
    .command('list')
    .description('List the built-in profiles')
    .action(() => {
      for (const name of builtinProfileNames()) {
        const p = loadProfile(name);
        console.log(`${name.padEnd(22)} ${p.source.padEnd(18)} ${p.name}`);
      }
      // Where they are, to read or copy one as a start (tester 151 found them by searching).
      console.log(
        `\nThese are the files ${join(BUILTIN_PROFILE_DIR, '<name>.yaml')}; give a name or a file's path to -p.`,
      );
    });

  profile
    .command('check')
    .description('Validate a profile and say what is wrong, key by key')
    .argument('<profile>', 'a profile file or built-in name')
    .action((name: string) => {
      const p = loadProfile(name);
      // Compiling finds what the schema cannot: a column of personal data read anywhere.
      compileProfile(p, name);
      console.log(
        terminalSafe(`${name}: valid profile for source ${p.source} (${p.name}), time zone ${p.time_zone}.`),
      );
    });

  profile
    .command('show')
    .description('Print a profile as its file is written; --json: as loaded')
    .argument('<profile>', 'a profile file or built-in name')
    .option('--json', 'print the profile as loaded, as JSON')
    .action((name: string, opts: { json?: boolean }) => {
      const { text, profile: p } = profileAsWritten(name);
      if (opts.json) process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
      // As written when redirected; a control character of a user's file is shown, not sent to a terminal,
      // whose title or screen an ESC sequence changes (tester 158).
      else process.stdout.write(process.stdout.isTTY ? visibleText(text, '\n\t\r') : text);
    });

  profile
    .command('schema')
    .description('Print the JSON Schema of profiles (for editor completion)')
    .option('-o, --out <file>', 'write it to a file instead')
    .option('--force', 'overwrite --out if it exists')
    .action((opts: { out?: string; force?: boolean }) => {
      const text = `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
      // Not without --force: `-o my-city.yaml` replaced a draft profile with the schema.
      if (opts.out) writeOutputFile(opts.out, text, { force: opts.force ?? false });
      else process.stdout.write(text);
    });

  profile
    .command('init')
    .description('Draft a profile from a file: reads the header and a sample, marks every guess')
    .argument('<file>', 'a CSV (optionally .gz) or Parquet export')
    .option('-o, --out <file>', 'where to write the draft (default: print it)')
    .option('--force', 'overwrite --out if it exists')
    .addOption(
      // Any spelling a profile takes (draftEncoding), not just these two: `ISO-8859-1` was refused here.
      new Option(
        '--encoding <name>',
        'the text encoding of a CSV that is not UTF-8: latin-1 (or ISO-8859-1, latin1), utf-8',
      ).default('utf-8'),
    )
    .option(
      '--time-zone <zone>',
      "the city's IANA time zone, such as America/Los_Angeles (default: guessed from the times' UTC offsets where they are written, else America/Chicago; marked as a guess)",
    )
    .action(
      async (file: string, opts: { out?: string; force?: boolean; encoding: string; timeZone?: string }) => {
        const draft = await draftProfile(file, {
          outDir: opts.out ? dirname(opts.out) : undefined,
          encoding: opts.encoding,
          timeZone: opts.timeZone,
        });
        // The zone cannot be read from the file; a wrong one moves every local hour when the times are UTC.
        // A draft that is a built-in profile has the city's zone, no guess (tester 284).
        const zoneNote =
          opts.timeZone || draft.builtin
            ? []
            : draft.zoneGuess
              ? [
                  `time_zone is drafted as ${draft.zoneGuess.zone}, a guess: ${draft.zoneGuess.reason}, but so may a neighbouring zone's: check it is your city's, or draft again with --time-zone. Every local hour and day is read in it.`,
                ]
              : [
                  "time_zone is drafted as America/Chicago, a guess: set your city's zone there, or draft again with --time-zone (America/Los_Angeles, for example). Every local hour and day is read in it.",
                ];
        if (opts.out) {
          writeOutputFile(opts.out, draft.yaml, { force: !!opts.force, input: file });
          console.log(`Draft profile written to ${opts.out}; check the lines marked GUESS.`);
          if (draft.personal.length)
            console.log(`Never loaded (look like personal data): ${draft.personal.join(', ')}`);
          for (const n of [...draft.notes, ...zoneNote]) console.log(`Note: ${n}`);
        } else {
          process.stdout.write(draft.yaml);
          // Also in the draft, as a comment; said on stderr so that it is seen when the draft is redirected.
          for (const n of [...draft.notes, ...zoneNote]) console.error(`Note: ${n}`);
        }
      },
    );
}
