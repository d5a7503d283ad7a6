// The answers a project is scaffolded from (what `lepton init` asked, or took from flags or a file).
import type { Domain, Language, MetricComparison, Owner, Preset, Strategy } from '../manifest/schema.js';

export interface InitAnswers {
  name: string;
  description: string;
  preset: Preset;
  domain: Domain;
  language: Language;
  owners: Owner[];
  metrics: MetricComparison[];
  strategy: Strategy;
}

/** An owner as given: `roles` undefined means no role was given for them yet. */
export interface OwnerDraft {
  name: string;
  email: string;
  roles?: string[];
  /** An OpenSSH public key line: the owner's ledger entries are then signed. */
  key?: string;
}

/** What flags and an answers file gave; anything undefined is still to be asked or defaulted. */
export interface DraftAnswers {
  name?: string;
  description?: string;
  preset?: Preset;
  domain?: Domain;
  language?: Language;
  owners?: OwnerDraft[];
  metrics?: MetricComparison[];
  strategy?: Strategy;
}
