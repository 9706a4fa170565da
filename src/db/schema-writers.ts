// Table types for writers' own fediverse actors (migration 036); src/db/schema.ts gathers
// every table.
import type { FederationKeyAlgorithm } from "./schema-federation.ts";

export interface FederationWritersTable {
  user_id: number;
  username: string;
  /** 0/1. */
  enabled: number;
  bio: string;
  created_at: string;
}

export interface FederationWriterKeysTable {
  user_id: number;
  algorithm: FederationKeyAlgorithm;
  private_jwk: string;
  public_jwk: string;
  created_at: string;
}
