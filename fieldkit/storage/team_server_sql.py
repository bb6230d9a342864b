"""The team server's schema and its API, as SQL: what ``Server.create_team`` runs.

Members write nothing directly. Every table is owned by a role that cannot log in (``owner``);
members (the group role ``members``) may SELECT what they need to sync and EXECUTE a small set
of ``SECURITY DEFINER`` functions, each with a fixed ``search_path`` and knowing the member by
``session_user`` (which a member cannot change; ``current_user`` inside such a function is the
owner). ``push`` checks every row against a strict schema (the ``columns`` table, filled from
fieldkit's own SQLite schema) and against the server's own record of every row (``known``: who
made it, whether it is alive, a code's parent, a coding's coder and document, a text's length),
never against what the row claims, and numbers change sets itself under a table lock that no
member can take.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

#: a change set larger than this (bytes of its JSON) is refused; the lead can change it
DEFAULT_LIMIT = 1 << 20
#: the largest chunk of a media file or snapshot (bytes) the server stages
CHUNK_LIMIT = 8 << 20
#: seconds a push waits for the one before it
PUSH_WAIT_S = 10
UUID_RE = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
SHA_RE = "^[0-9a-f]{64}$"

TABLES = r"""
CREATE TABLE fieldkit.team (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE fieldkit.members (
    name text PRIMARY KEY, role text NOT NULL CHECK (role IN ('lead', 'coder')),
    added timestamptz NOT NULL DEFAULT now());
CREATE TABLE fieldkit.coders (uuid text PRIMARY KEY, member text NOT NULL);
CREATE TABLE fieldkit.blind_sets (
    set_uuid text PRIMARY KEY, name text NOT NULL, documents text[] NOT NULL,
    made_by text NOT NULL DEFAULT session_user, released_seq bigint);
CREATE SEQUENCE fieldkit.change_seq;
CREATE TABLE fieldkit.change_sets (
    seq bigint PRIMARY KEY, uuid text NOT NULL UNIQUE,
    member text NOT NULL DEFAULT session_user,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    made text NOT NULL, coder text NOT NULL DEFAULT '', label text NOT NULL DEFAULT '',
    kind text NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'release')),
    body jsonb NOT NULL, blind_set text);
CREATE INDEX change_sets_blind ON fieldkit.change_sets (blind_set) WHERE blind_set IS NOT NULL;
CREATE INDEX change_sets_member ON fieldkit.change_sets (member, seq);
CREATE TABLE fieldkit.locks (
    document text PRIMARY KEY, member text NOT NULL, coder text NOT NULL DEFAULT '',
    expires timestamptz NOT NULL);
CREATE TABLE fieldkit.snapshots (
    id bigserial PRIMARY KEY, seq bigint NOT NULL, sha256 text NOT NULL, size bigint NOT NULL,
    made_by text NOT NULL DEFAULT session_user, made timestamptz NOT NULL DEFAULT now());
CREATE TABLE fieldkit.snapshot_chunks (
    snapshot bigint NOT NULL REFERENCES fieldkit.snapshots(id), n int NOT NULL,
    data bytea NOT NULL, PRIMARY KEY (snapshot, n));
CREATE TABLE fieldkit.media (sha256 text PRIMARY KEY, filename text NOT NULL, size bigint NOT NULL);
CREATE TABLE fieldkit.media_chunks (
    sha256 text NOT NULL, n int NOT NULL, data bytea NOT NULL, PRIMARY KEY (sha256, n));

-- private to the owner: what members send before it is whole, and the server's own record
CREATE TABLE fieldkit.staging (
    member text NOT NULL, kind text NOT NULL, key text NOT NULL, n int NOT NULL,
    data bytea NOT NULL, tx bigint NOT NULL DEFAULT txid_current(),
    PRIMARY KEY (member, kind, key, n));
-- every field of every shared table, and the table a reference field points at
CREATE TABLE fieldkit.columns (t text NOT NULL, col text NOT NULL, kind text NOT NULL,
    ref text, PRIMARY KEY (t, col));
CREATE TABLE fieldkit.tables (t text PRIMARY KEY, ident text[] NOT NULL, tracked boolean NOT NULL);
CREATE TABLE fieldkit.known (
    t text NOT NULL, k text NOT NULL, member text NOT NULL, alive boolean NOT NULL,
    parent text, doc text, coder text, len bigint, PRIMARY KEY (t, k));
CREATE INDEX known_codings_doc ON fieldkit.known (doc) WHERE t = 'codings';
-- what every row points at (a key that is not one UUID is its identity as JSON text): the
-- rows a replica deletes with a row are those that point at it, and at those, and so on
CREATE TABLE fieldkit.refs (t text NOT NULL, k text NOT NULL, col text NOT NULL,
    target_t text NOT NULL, target_k text, PRIMARY KEY (t, k, col));
CREATE INDEX refs_target ON fieldkit.refs (target_t, target_k);
CREATE TABLE fieldkit.push_queue (one int);
"""

FUNCTIONS = r"""
CREATE FUNCTION fieldkit.is_lead() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = fieldkit, pg_temp AS
$$ SELECT EXISTS (SELECT 1 FROM members WHERE name = session_user AND role = 'lead') $$;

CREATE FUNCTION fieldkit.need_member() RETURNS boolean LANGUAGE plpgsql STABLE
    SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
DECLARE lead boolean;
BEGIN
    SELECT role = 'lead' INTO lead FROM members WHERE name = session_user;
    IF lead IS NULL THEN
        RAISE EXCEPTION 'fieldkit: % is not a member of this team', session_user;
    END IF;
    RETURN lead;
END $$;

CREATE FUNCTION fieldkit.need_lead(what text) RETURNS void LANGUAGE plpgsql STABLE
    SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
BEGIN
    IF NOT need_member() THEN
        RAISE EXCEPTION 'fieldkit: only the team lead %', what;
    END IF;
END $$;

CREATE FUNCTION fieldkit.need_uuid(v text, what text) RETURNS void LANGUAGE plpgsql IMMUTABLE
    SET search_path = fieldkit, pg_temp AS
$$
BEGIN
    IF v IS NULL OR v !~ '@UUID@' THEN
        RAISE EXCEPTION 'fieldkit: % is not a UUID', what;
    END IF;
END $$;

-- a row's key as the server records it: a UUID or sha256 as it is, an identity of several
-- fields (a set's member: set, document, code) as its JSON text
CREATE FUNCTION fieldkit.key_text(k jsonb) RETURNS text LANGUAGE sql IMMUTABLE
    SET search_path = fieldkit, pg_temp AS
$$ SELECT CASE WHEN jsonb_typeof(k) = 'string' THEN k #>> '{}' ELSE k::text END $$;

CREATE FUNCTION fieldkit.set_fact(fact text, value text) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
BEGIN
    PERFORM need_lead('changes the team''s settings');
    IF fact = 'change_set_limit' AND (value !~ '^[0-9]{1,10}$' OR value::bigint < 1024
            OR value::bigint > 268435456) THEN
        RAISE EXCEPTION 'fieldkit: the change-set limit is a number of bytes from'
            ' 1024 to 268435456';
    ELSIF fact NOT IN ('change_set_limit', 'name') THEN
        RAISE EXCEPTION 'fieldkit: % is not a team setting', fact;
    END IF;
    INSERT INTO team VALUES (fact, value) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
END $$;

-- members ---------------------------------------------------------------------------------

CREATE FUNCTION fieldkit.add_member(who text, what text) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
BEGIN
    PERFORM need_lead('adds members');
    IF what IS NULL OR what NOT IN ('lead', 'coder') THEN
        RAISE EXCEPTION 'fieldkit: a member''s role is lead or coder';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who AND rolcanlogin) THEN
        RAISE EXCEPTION 'fieldkit: the server has no login role %', who;
    END IF;
    IF EXISTS (SELECT 1 FROM members WHERE name = who AND role = 'lead') AND what <> 'lead'
            AND NOT EXISTS (SELECT 1 FROM members WHERE role = 'lead' AND name <> who) THEN
        RAISE EXCEPTION 'fieldkit: the team needs a lead; make another member lead first';
    END IF;
    INSERT INTO members (name, role) VALUES (who, what)
        ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role;
END $$;

CREATE FUNCTION fieldkit.remove_member(who text) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
BEGIN
    PERFORM need_lead('removes members');
    IF NOT EXISTS (SELECT 1 FROM members WHERE name = who) THEN
        RAISE EXCEPTION 'fieldkit: % is not a member of this team', who;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM members WHERE role = 'lead' AND name <> who) THEN
        RAISE EXCEPTION 'fieldkit: the team needs a lead; make another member lead first';
    END IF;
    DELETE FROM members WHERE name = who;
    DELETE FROM locks WHERE member = who;
    DELETE FROM staging WHERE member = who;
END $$;

-- edit locks ------------------------------------------------------------------------------

CREATE FUNCTION fieldkit.take_lock(document text, coder text, minutes int) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
BEGIN
    PERFORM need_member();
    PERFORM need_uuid(document, 'the document');
    IF minutes IS NULL OR minutes < 1 OR minutes > 1440 THEN
        RAISE EXCEPTION 'fieldkit: an edit lock lasts from 1 minute to 24 hours (1440 minutes)';
    END IF;
    INSERT INTO locks AS l (document, member, coder, expires)
    VALUES (document, session_user, left(coalesce(coder, ''), 200),
            now() + make_interval(mins => minutes))
    ON CONFLICT ON CONSTRAINT locks_pkey DO UPDATE
        SET member = session_user, coder = EXCLUDED.coder, expires = EXCLUDED.expires
        WHERE l.member = session_user OR l.expires < now();
END $$;

CREATE FUNCTION fieldkit.release_lock(document text) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
BEGIN
    PERFORM need_member();
    DELETE FROM locks l WHERE l.document = release_lock.document AND l.member = session_user;
END $$;

CREATE FUNCTION fieldkit.break_lock(document text) RETURNS text LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
DECLARE holder text;
BEGIN
    PERFORM need_lead('breaks another member''s edit lock');
    DELETE FROM locks l WHERE l.document = break_lock.document RETURNING l.member INTO holder;
    RETURN holder;
END $$;

-- blind sets ------------------------------------------------------------------------------

CREATE FUNCTION fieldkit.make_blind(set_uuid text, name text, documents text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
DECLARE d text;
BEGIN
    PERFORM need_lead('makes a set blind');
    PERFORM need_uuid(set_uuid, 'the set');
    IF documents IS NULL OR cardinality(documents) > 100000 THEN
        RAISE EXCEPTION 'fieldkit: a blind set names from 0 to 100000 documents';
    END IF;
    FOREACH d IN ARRAY documents LOOP
        PERFORM need_uuid(d, 'a document of the set');
    END LOOP;
    INSERT INTO blind_sets AS b (set_uuid, name, documents)
        VALUES (set_uuid, left(name, 200), documents)
        ON CONFLICT ON CONSTRAINT blind_sets_pkey
        DO UPDATE SET documents = EXCLUDED.documents, released_seq = NULL;
END $$;

CREATE FUNCTION fieldkit.release(set_uuid text, change jsonb) RETURNS bigint LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
DECLARE number bigint;
BEGIN
    PERFORM need_lead('releases a blind set');
    IF NOT EXISTS (SELECT 1 FROM blind_sets b WHERE b.set_uuid = release.set_uuid
                   AND b.released_seq IS NULL) THEN
        RAISE EXCEPTION 'fieldkit: no unreleased blind set %', set_uuid;
    END IF;
    IF jsonb_typeof(change->'body') IS DISTINCT FROM 'array'
            OR jsonb_array_length(change->'body') <> 0 THEN
        RAISE EXCEPTION 'fieldkit: a release carries no rows';
    END IF;
    SELECT p.seq INTO number FROM push_sets(jsonb_build_array(change), 'release') p;
    UPDATE blind_sets b SET released_seq = number
        WHERE b.set_uuid = release.set_uuid AND b.released_seq IS NULL;
    RETURN number;
END $$;

-- snapshots and media: chunks first (private), then one call that checks and publishes -----

CREATE FUNCTION fieldkit.stage_chunk(kind text, key text, n int, data bytea) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
BEGIN
    IF kind = 'snapshot' THEN
        PERFORM need_lead('stores a starting state of the project');
    ELSIF kind = 'media' THEN
        PERFORM need_member();
        IF key IS NULL OR key !~ '@SHA@' THEN
            RAISE EXCEPTION 'fieldkit: a media file is named by its sha256 (64 hex digits)';
        END IF;
    ELSE
        RAISE EXCEPTION 'fieldkit: nothing of kind % is sent in chunks', kind;
    END IF;
    IF n IS NULL OR n < 0 OR n > 1000000 OR data IS NULL THEN
        RAISE EXCEPTION 'fieldkit: a chunk is numbered from 0';
    END IF;
    IF octet_length(data) > @CHUNK@ THEN
        RAISE EXCEPTION 'fieldkit: a chunk holds at most @CHUNK@ bytes';
    END IF;
    -- what this member staged in a transaction that ended without storing it is left over:
    -- it goes now (staged chunks live only as long as the transaction that sends them)
    DELETE FROM staging s WHERE s.member = session_user AND s.tx <> txid_current();
    IF n = 0 THEN
        DELETE FROM staging s WHERE s.member = session_user AND s.kind = stage_chunk.kind
            AND s.key = coalesce(stage_chunk.key, '');
    END IF;
    INSERT INTO staging VALUES (session_user, kind, coalesce(key, ''), n, data)
        ON CONFLICT ON CONSTRAINT staging_pkey DO UPDATE SET data = EXCLUDED.data;
END $$;

CREATE FUNCTION fieldkit.staged(what text, key text, OUT sha text, OUT size bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
DECLARE parts int; top int;
BEGIN
    DELETE FROM staging s WHERE s.member = session_user AND s.tx <> txid_current();
    SELECT count(*), max(n) INTO parts, top FROM staging s
        WHERE s.member = session_user AND s.kind = what AND s.key = staged.key;
    IF parts = 0 OR top <> parts - 1 THEN
        RAISE EXCEPTION 'fieldkit: the file arrived incomplete; send it again';
    END IF;
    SELECT encode(sha256(string_agg(data, ''::bytea ORDER BY n)), 'hex'),
           sum(octet_length(data))
        INTO sha, size FROM staging s
        WHERE s.member = session_user AND s.kind = what AND s.key = staged.key;
END $$;

CREATE FUNCTION fieldkit.store_media(sha256 text, filename text) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
DECLARE got text; bytes bigint;
BEGIN
    PERFORM need_member();
    IF sha256 IS NULL OR sha256 !~ '@SHA@' THEN
        RAISE EXCEPTION 'fieldkit: a media file is named by its sha256 (64 hex digits)';
    END IF;
    IF EXISTS (SELECT 1 FROM media m WHERE m.sha256 = store_media.sha256) THEN
        DELETE FROM staging s WHERE s.member = session_user AND s.kind = 'media'
            AND s.key = store_media.sha256;
        RETURN;
    END IF;
    SELECT st.sha, st.size INTO got, bytes FROM staged('media', sha256) st;
    IF got <> sha256 THEN
        DELETE FROM staging s WHERE s.member = session_user AND s.kind = 'media'
            AND s.key = store_media.sha256;
        RAISE EXCEPTION 'fieldkit: the file sent is not the one its name says (sha256 %)', got;
    END IF;
    INSERT INTO media_chunks SELECT s.key, s.n, s.data FROM staging s
        WHERE s.member = session_user AND s.kind = 'media' AND s.key = store_media.sha256
        ON CONFLICT DO NOTHING;
    INSERT INTO media VALUES (sha256, left(coalesce(filename, ''), 255), bytes)
        ON CONFLICT DO NOTHING;
    DELETE FROM staging s WHERE s.member = session_user AND s.kind = 'media'
        AND s.key = store_media.sha256;
END $$;

CREATE FUNCTION fieldkit.store_snapshot(at_seq bigint, known_rows jsonb) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$
DECLARE got text; bytes bigint; snap bigint;
BEGIN
    PERFORM need_lead('stores a starting state of the project');
    IF at_seq IS NULL OR at_seq < 0 OR at_seq > (SELECT coalesce(max(seq), 0) FROM change_sets)
    THEN
        RAISE EXCEPTION 'fieldkit: a starting state is at a position of the history';
    END IF;
    SELECT st.sha, st.size INTO got, bytes FROM staged('snapshot', '') st;
    INSERT INTO snapshots (seq, sha256, size) VALUES (at_seq, got, bytes) RETURNING id INTO snap;
    INSERT INTO snapshot_chunks SELECT snap, s.n, s.data FROM staging s
        WHERE s.member = session_user AND s.kind = 'snapshot';
    DELETE FROM staging s WHERE s.member = session_user AND s.kind = 'snapshot';
    -- every row of the snapshot the server did not know yet is the lead's (coders included)
    INSERT INTO known (t, k, member, alive, parent, doc, coder, len)
    SELECT r->>0, key_text(r->1), session_user, true, r->>2, r->>3, r->>4, (r->>5)::bigint
    FROM jsonb_array_elements(known_rows) r
    WHERE jsonb_typeof(r) = 'array' AND EXISTS (SELECT 1 FROM tables t WHERE t.t = r->>0)
    ON CONFLICT (t, k) DO UPDATE SET len = greatest(known.len, EXCLUDED.len);
    INSERT INTO refs (t, k, col, target_t, target_k)
    SELECT r->>0, key_text(r->1), f.key, c.ref, f.value #>> '{}'
    FROM jsonb_array_elements(known_rows) r, jsonb_each(r->6) f, columns c
    WHERE jsonb_typeof(r) = 'array' AND jsonb_typeof(r->6) = 'object'
        AND c.t = r->>0 AND c.col = f.key AND c.ref IS NOT NULL
    ON CONFLICT DO NOTHING;
    INSERT INTO coders SELECT k, member FROM known WHERE t = 'coders' ON CONFLICT DO NOTHING;
    RETURN got;
END $$;

"""

POLICIES = r"""
ALTER TABLE fieldkit.change_sets ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_history ON fieldkit.change_sets FOR SELECT USING (
    blind_set IS NULL OR member = session_user OR EXISTS (
        SELECT 1 FROM fieldkit.blind_sets b
        WHERE b.set_uuid = blind_set AND b.released_seq IS NOT NULL));
"""

#: what the members' group role may do: read what a sync needs, call the API
GRANTS = """
REVOKE ALL ON SCHEMA fieldkit FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA fieldkit FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA fieldkit FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA fieldkit FROM PUBLIC;
GRANT USAGE ON SCHEMA fieldkit TO {group};
GRANT SELECT ON fieldkit.team, fieldkit.members, fieldkit.coders, fieldkit.blind_sets,
    fieldkit.change_sets, fieldkit.locks, fieldkit.snapshots, fieldkit.snapshot_chunks,
    fieldkit.media, fieldkit.media_chunks TO {group};
GRANT EXECUTE ON FUNCTION fieldkit.is_lead(), fieldkit.push(jsonb),
    fieldkit.take_lock(text, text, int), fieldkit.release_lock(text),
    fieldkit.break_lock(text), fieldkit.add_member(text, text), fieldkit.remove_member(text),
    fieldkit.make_blind(text, text, text[]), fieldkit.release(text, jsonb),
    fieldkit.stage_chunk(text, text, int, bytea), fieldkit.store_media(text, text),
    fieldkit.store_snapshot(bigint, jsonb), fieldkit.set_fact(text, text) TO {group}
"""


#: SQL that is true when the JSON value ``v`` is not of the column kind ``k`` (NULL: no such
#: column); written out where ``@BAD(k; v)@`` stands (a function call per field cost 0.3 s
#: on a push of 10,000 change sets, and a function with SET search_path is never inlined)
_BAD = ("(CASE WHEN ({k}) IS NULL THEN true WHEN jsonb_typeof({v}) = 'null' THEN false "
        "WHEN ({k}) = 'text' THEN jsonb_typeof({v}) <> 'string' "
        "WHEN ({k}) IN ('uuid', 'author') "
        "THEN jsonb_typeof({v}) <> 'string' OR ({v}) #>> '{{}}' !~ '@UUID@' "
        "WHEN ({k}) = 'sha' THEN jsonb_typeof({v}) <> 'string' OR ({v}) #>> '{{}}' !~ '@SHA@' "
        "WHEN jsonb_typeof({v}) <> 'number' THEN true "
        "WHEN ({k}) = 'real' THEN abs(({v})::text::numeric) > 1000000000000000 "
        "WHEN ({k}) = 'int' THEN abs(({v})::text::numeric) > 4000000000000 "
        "OR ({v})::text::numeric <> trunc(({v})::text::numeric) ELSE true END)")


def filled(sql: str, channel: str) -> str:
    """The SQL with its placeholders written out (the kind checks, patterns and limits)."""
    sql = re.sub(r"@BAD\((.*?);(.*?)\)@",
                 lambda m: _BAD.format(k=" ".join(m.group(1).split()),
                                       v=" ".join(m.group(2).split())), sql, flags=re.S)
    return (sql.replace("@UUID@", UUID_RE).replace("@SHA@", SHA_RE)
            .replace("@WAIT@", str(PUSH_WAIT_S)).replace("@CHUNK@", str(CHUNK_LIMIT))
            .replace("@LIMIT@", str(DEFAULT_LIMIT)).replace("@CHANNEL@", channel))


def schema_sql(channel: str) -> str:
    """Every statement that makes the schema, run as its owner role."""
    from fieldkit.storage.team_server_history_sql import HISTORY

    return TABLES + filled(FUNCTIONS + HISTORY, channel) + POLICIES


def row_spec() -> tuple[list[tuple[str, list[str], bool]],
                        list[tuple[str, str, str, str | None]]]:
    """What a row may hold, from fieldkit's own SQLite schema: (table, identity, tracked) and
    (table, column, kind, the table it points at), kind one of text, int, real, uuid (a
    reference by UUID), sha, author (the UUID of the coder who wrote a memo: the server
    checks it is the sender's, and keeps no reference along it); the references are the
    foreign keys the schema declares."""
    from fieldkit.storage import replica_tables, schema

    conn = sqlite3.connect(":memory:")
    try:
        for step in schema.MIGRATIONS:
            step(conn)
        tables: list[tuple[str, list[str], bool]] = []
        columns: list[tuple[str, str, str, str | None]] = []
        for table in sorted(replica_tables.SHARED):
            ident = list(replica_tables.IDENTITY[table])
            tables.append((table, ident, replica_tables._simple(table)))
            refs = replica_tables.REFS[table]
            declared = {row[3]: row[2] for row in conn.execute(
                f"PRAGMA foreign_key_list({table})")}
            if declared != refs:  # the replicas cascade along REFS; it must be the schema's
                raise AssertionError(f"{table}: REFS {refs} but the schema says {declared}")
            authors = replica_tables.AUTHORS.get(table, ())
            for _, name, kind, *_rest in conn.execute(f"PRAGMA table_info({table})"):
                if name == "id":
                    continue
                if name in authors:  # a coder's UUID, checked as the sender's own coder
                    columns.append((table, name, "author", None))
                    continue
                if name in refs:
                    kind = "sha" if refs[name] == "media" else "uuid"
                elif name == "sha256":
                    kind = "sha"
                elif name == "uuid":
                    kind = "uuid"
                else:
                    kind = {"INTEGER": "int", "REAL": "real"}.get(str(kind).upper(), "text")
                columns.append((table, name, kind, refs.get(name)))
        return tables, columns
    finally:
        conn.close()


def snapshot_rows(path: str) -> list[list[Any]]:
    """Every row a snapshot file holds, as the server records it: [table, key, parent, doc,
    coder, length, refs] (a code's parent, a coding's document and coder, a text's length,
    and what the row points at by identity; a key that is not one UUID is a JSON list)."""
    from fieldkit.storage import replica_tables

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        names = replica_tables.Portable(conn)
        seen: dict[tuple[str, int], Any] = {}
        out: list[list[Any]] = []
        for table in sorted(replica_tables.SHARED):
            ident = replica_tables.IDENTITY[table]
            refs = replica_tables.REFS[table]
            try:
                rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            except sqlite3.OperationalError:
                continue  # a table this file's schema version does not have
            for row in rows:
                named = names._fields(table, dict(row), seen)
                key = [named[c] for c in ident]
                out.append([table, key[0] if len(key) == 1 else key,
                            named.get("parent_id") if table == "codes" else None,
                            named.get("document_id") if table == "codings" else None,
                            named.get("coder_id") if table == "codings" else None,
                            len(named["text"]) if table == "documents" else None,
                            {c: named[c] for c in refs if named.get(c) is not None}])
        return out
    finally:
        conn.close()
