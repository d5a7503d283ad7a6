// The pre-push hook script lepton writes: POSIX sh that decides without Node whether a push
// needs gating, finds lepton (the vendored file first) and runs `lepton hooks run pre-push`.

/** The vendored lepton (`lepton vendor`), relative to the project: the hook prefers it to any installed one. */
export const VENDORED_PATH = '.lepton/bin/lepton.cjs';

export const HOOK_NAME = 'pre-push';
/** The line that marks a hook as lepton's own. */
export const HOOK_MARKER = '# lepton-managed-hook: pre-push';
/** The hook that was there before lepton's, kept beside it under this name. */
export const CHAINED_NAME = `${HOOK_NAME}.lepton-chained`;

/** What the hook decides without starting Node, written into it at install time. */
export interface HookSettings {
  /** `hooks.pre-push.branches`: branch patterns whose pushes are gated. */
  branches: string[];
  /** `hooks.pre-push.required`: refuse the push (true) or only warn (false) when lepton is missing. */
  required: boolean;
  /** The project folder relative to the top of the working tree, `/`-separated (`.` at the top). */
  project: string;
}

/** Single-quotes a value for POSIX sh. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function prePushHookScript(settings: HookSettings): string {
  return `#!/bin/sh
${HOOK_MARKER}
# Written by \`lepton hooks install\`; \`lepton hooks uninstall\` removes it and puts back the hook
# that was here before (kept beside this one as ${CHAINED_NAME}, and run first).
# Before a push to a protected branch it runs lepton's regression guard: \`lepton verify\` and
# \`lepton gate --completed\`. Skip it once with \`git push --no-verify\` or \`LEPTON_SKIP=1 git push\`.
# The settings below come from hooks.pre-push in lepton.yaml; \`lepton hooks install\` rewrites them.
lepton_branches=${shellQuote(settings.branches.join(' '))}
lepton_required=${settings.required ? 'true' : 'false'}
lepton_project=${shellQuote(settings.project)}

# Branch patterns are matched, never expanded as file names.
set -f
# git's input (one "<local ref> <local oid> <remote ref> <remote oid>" line per ref) can be read
# once: keep it for the chained hook and for lepton. Each line ends in a newline, which $(...) drops.
lepton_input=$(cat)

lepton_chained="$(dirname -- "$0")/${CHAINED_NAME}"
if [ -f "$lepton_chained" ]; then
  if [ -x "$lepton_chained" ]; then
    if [ -n "$lepton_input" ]; then printf '%s\\n' "$lepton_input"; fi | "$lepton_chained" "$@"
    lepton_status=$?
    if [ "$lepton_status" -ne 0 ]; then
      echo "lepton: the pre-push hook kept as $lepton_chained failed (exit code $lepton_status); push refused" >&2
      exit "$lepton_status"
    fi
  else
    echo "lepton: ignoring $lepton_chained: it is not executable, so git would not run it either" >&2
  fi
fi

if [ "\${LEPTON_SKIP:-}" = 1 ]; then
  echo "lepton: LEPTON_SKIP=1, skipping the pre-push gate" >&2
  exit 0
fi

# Gate only branches matching the patterns that are created or moved: deletions (an all-zero
# local oid, 40 or 64 digits), tags and other refs pass. Fields are taken from the right, as the
# local side is what the user typed and may hold spaces.
lepton_gate=
while IFS= read -r lepton_line; do
  [ -n "$lepton_line" ] || continue
  lepton_rest=\${lepton_line% *}
  lepton_remote_ref=\${lepton_rest##* }
  lepton_rest=\${lepton_rest% *}
  lepton_local_oid=\${lepton_rest##* }
  case $lepton_local_oid in *[!0]*) ;; *) continue ;; esac
  case $lepton_remote_ref in refs/heads/*) ;; *) continue ;; esac
  for lepton_pattern in $lepton_branches; do
    case \${lepton_remote_ref#refs/heads/} in $lepton_pattern) lepton_gate=yes ;; esac
  done
done <<lepton_end_of_input
$lepton_input
lepton_end_of_input
[ -n "$lepton_gate" ] || exit 0

if [ -n "\${LEPTON_BIN:-}" ]; then
  lepton_bin=$LEPTON_BIN
  if [ ! -f "$lepton_bin" ]; then
    echo "lepton: LEPTON_BIN=$lepton_bin is not a file; push refused" >&2
    echo "hint: point LEPTON_BIN at lepton's bin/lepton.js (or unset it), or push once without the gate: git push --no-verify" >&2
    exit 1
  fi
elif [ -f "$lepton_project/${VENDORED_PATH}" ]; then
  lepton_bin="$lepton_project/${VENDORED_PATH}"
elif [ -x "$lepton_project/node_modules/.bin/lepton" ]; then
  lepton_bin="$lepton_project/node_modules/.bin/lepton"
elif [ -x node_modules/.bin/lepton ]; then
  lepton_bin=node_modules/.bin/lepton
elif command -v lepton >/dev/null 2>&1; then
  lepton_bin=lepton
else
  if [ "$lepton_required" = true ]; then
    echo "lepton: cannot run the pre-push gate: lepton is not installed (no \\$LEPTON_BIN, ${VENDORED_PATH}, node_modules/.bin/lepton or lepton on PATH); push refused" >&2
    echo "hint: run \\\`npm install\\\` when package.json pins lepton (or commit a vendored one: \\\`lepton vendor\\\`), or push once without the gate: git push --no-verify" >&2
    exit 1
  fi
  echo "lepton: warning: lepton is not installed (no \\$LEPTON_BIN, ${VENDORED_PATH}, node_modules/.bin/lepton or lepton on PATH), so the pre-push gate did not run" >&2
  echo "hint: run \\\`npm install\\\` when package.json pins lepton (or commit a vendored one: \\\`lepton vendor\\\`); hooks.pre-push.required is false, so the push goes on" >&2
  exit 0
fi

case $lepton_bin in
  *.js | *.mjs | *.cjs) set -- node "$lepton_bin" -C "$lepton_project" hooks run pre-push -- "$@" ;;
  *) set -- "$lepton_bin" -C "$lepton_project" hooks run pre-push -- "$@" ;;
esac
printf '%s\\n' "$lepton_input" | "$@"
`;
}

/** Reads back the settings written into a hook script by this version of lepton. */
export function readHookSettings(script: string): HookSettings | undefined {
  const value = (name: string) => {
    const match = new RegExp(`^${name}='((?:[^']|'\\\\'')*)'$`, 'm').exec(script);
    return match?.[1]?.replace(/'\\''/g, "'");
  };
  const branches = value('lepton_branches');
  const project = value('lepton_project');
  const required = /^lepton_required=(true|false)$/m.exec(script)?.[1];
  if (branches === undefined || project === undefined || required === undefined) return undefined;
  return { branches: branches.split(' ').filter(Boolean), required: required === 'true', project };
}

export function isLeptonHook(content: string): boolean {
  return content.split('\n', 3).includes(HOOK_MARKER);
}
