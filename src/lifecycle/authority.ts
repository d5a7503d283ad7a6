// Who may act, by one set of rules for the commands (which refuse) and the ledger's replay (which
// reports): owners are named by email; an owner with `left` can no longer act after that UTC day;
// `governance.waive` limits who may waive (roles) and for how long (max-days). Days are UTC dates.
import { usageError } from '../errors.js';
import type { Manifest, Owner } from '../manifest/schema.js';
import { addDays, utcDate } from '../text.js';
import type { Actor, LedgerEntry, LedgerEntryOf } from './ledger-entries.js';

export function ownerByEmail(manifest: Manifest, email: string): Owner | undefined {
  const wanted = email.trim().toLowerCase();
  return manifest.project.owners.find((owner) => owner.email.toLowerCase() === wanted);
}

const who = (person: { name?: string | undefined; email?: string | undefined } | undefined) => `${person?.name} <${person?.email}>`;

/** What a finding about a non-owner says, so a team that deleted a departed owner learns what to do instead. */
export function notAnOwner(actor: Actor | undefined, only?: string): string {
  const rule = only ? `: only an owner may ${only}` : '';
  return `${who(actor)} is not an owner of the project${rule}; if they left it, keep them under project.owners with \`left: YYYY-MM-DD\` (their last day), so what they recorded until then stays valid`;
}

/** The UTC day an entry was made (its `time`), or undefined when the time is not one. */
export function entryDay(time: string | undefined): string | undefined {
  const date = new Date(time ?? '');
  return Number.isNaN(date.getTime()) ? undefined : utcDate(date);
}

/** Why the owner cannot act on `day`: their last day was before it. Undefined when they can (or are no owner). */
export function departed(owner: Owner | undefined, day: string | undefined): string | undefined {
  if (!owner?.left || (day !== undefined && day <= owner.left)) return undefined;
  // Fail closed: an entry without a readable day cannot show it was made before the owner left.
  return `${who(owner)} left the project on ${owner.left} (owners[].left) and could not act on ${day ?? 'an unreadable date'}`;
}

/** Why the owner may not waive under `governance.waive.roles`, or undefined when they may. */
export function waiveRolesRefusal(manifest: Manifest, owner: Owner): string | undefined {
  const roles = manifest.governance?.waive?.roles;
  if (!roles || owner.roles.some((role) => roles.includes(role))) return undefined;
  return `${who(owner)} holds none of the roles ${roles.join(', ')} that governance.waive allows`;
}

/** The last day a waiver made on `day` may hold under `governance.waive.max-days`; undefined without a bound. */
export function latestUntil(manifest: Manifest, day: string): string | undefined {
  const days = manifest.governance?.waive?.['max-days'];
  return days === undefined ? undefined : addDays(day, days);
}

// ——— the commands' side: refuse with exit 2 ———

/** Refuses an owner whose last day is past (whether or not `what` needs an owner); returns the owner, if any. */
export function assertNotDeparted(manifest: Manifest, actor: Actor, now: Date, what: string): Owner | undefined {
  const owner = ownerByEmail(manifest, actor.email);
  if (owner?.left && utcDate(now) > owner.left) {
    throw usageError(
      `${who(owner)} left the project on ${owner.left} (owners[].left in lepton.yaml): they can no longer ${what}`,
      `what they recorded up to ${owner.left} stays valid; another owner can ${what}`,
    );
  }
  return owner;
}

/** Refuses anyone but an owner who has not left. */
export function requireOwner(manifest: Manifest, actor: Actor, now: Date, what: string): Owner {
  const owner = assertNotDeparted(manifest, actor, now, what);
  if (owner) return owner;
  throw usageError(
    `${who(actor)} may not ${what}: only an owner of the project may`,
    `owners: ${
      manifest.project.owners
        .filter((candidate) => !candidate.left || candidate.left >= utcDate(now))
        .map((candidate) => who(candidate))
        .join(', ') || 'none (add them under project.owners)'
    }`,
  );
}

// ——— the replay's side: a finding ———

/**
 * Why the entry's actor could not have made it: not an owner (when the event needs one; `only`
 * names what only an owner may do), or an owner whose last day was before the entry's.
 */
export function actorRefusal(manifest: Manifest, entry: LedgerEntry, needsOwner: boolean, only?: string): string | undefined {
  const owner = ownerByEmail(manifest, entry.actor?.email ?? '');
  if (!owner) return needsOwner ? notAnOwner(entry.actor, only) : undefined;
  return departed(owner, entryDay(entry.time));
}

/** Why a waive entry breaks `governance.waive` (roles, max-days), or undefined. */
export function governanceRefusal(manifest: Manifest, entry: LedgerEntryOf<'waive'>): string | undefined {
  const owner = ownerByEmail(manifest, entry.actor?.email ?? '');
  const roles = owner && waiveRolesRefusal(manifest, owner);
  if (roles) return roles;
  const day = entryDay(entry.time);
  if (day === undefined && manifest.governance?.waive?.['max-days'] !== undefined)
    return `its time ${JSON.stringify(entry.time)} is not a date, so governance.waive.max-days cannot be shown to hold`;
  const latest = day && latestUntil(manifest, day);
  if (latest && typeof entry.until === 'string' && entry.until > latest) {
    return `until ${entry.until} is more than ${manifest.governance?.waive?.['max-days']} days after the waiver (${day}; governance.waive.max-days)`;
  }
  return undefined;
}
