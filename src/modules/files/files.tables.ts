export interface FilesTable {
  id: string;
  sha256: string;
  size: number;
  media_type: string;
  name: string;
  uploaded_by: string | null;
  created_at: string;
  ref_kind: string | null;
  ref_id: string | null;
  attached_at: string | null;
}

declare module '../../db/schema.ts' {
  interface Database {
    files: FilesTable;
  }
}
