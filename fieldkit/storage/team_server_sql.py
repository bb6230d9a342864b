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
    data bytea NOT NULL, PRIMARY KEY (member, kind, key, n));
CREATE TABLE fieldkit.columns (t text NOT NULL, col text NOT NULL, kind text NOT NULL,
    PRIMARY KEY (t, col));
CREATE TABLE fieldkit.tables (t text PRIMARY KEY, ident text[] NOT NULL, tracked boolean NOT NULL);
CREATE TABLE fieldkit.known (
    t text NOT NULL, k text NOT NULL, member text NOT NULL, alive boolean NOT NULL,
    parent text, doc text, coder text, len bigint, PRIMARY KEY (t, k));
CREATE INDEX known_codings_doc ON fieldkit.known (doc) WHERE t = 'codings';
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
    SELECT r->>0, r->>1, session_user, true, r->>2, r->>3, r->>4, (r->>5)::bigint
    FROM jsonb_array_elements(known_rows) r
    WHERE jsonb_typeof(r) = 'array' AND EXISTS (SELECT 1 FROM tables t WHERE t.t = r->>0)
    ON CONFLICT (t, k) DO UPDATE SET len = greatest(known.len, EXCLUDED.len);
    INSERT INTO coders SELECT k, member FROM known WHERE t = 'coders' ON CONFLICT DO NOTHING;
    RETURN got;
END $$;

-- the history -----------------------------------------------------------------------------

-- Every change set and row of a push against the schema, set-wise (two queries per push, not
-- a few per row): NULL, or what is wrong with the first bad one.
CREATE FUNCTION fieldkit.shape_problem(sets jsonb) RETURNS text LANGUAGE plpgsql STABLE
    SET search_path = fieldkit, pg_temp AS
$$
DECLARE problem text; kinds jsonb; idents jsonb;
BEGIN
    SELECT format('%s is not a change set (an object with uuid, at, coder, label and body)',
                  name) INTO problem
    FROM (SELECT x, i, CASE WHEN jsonb_typeof(x) = 'object' AND x ? 'label'
                            THEN format('"%s"', left(x->>'label', 80))
                            ELSE format('change set %s', i) END AS name
          FROM jsonb_array_elements(sets) WITH ORDINALITY a(x, i)) s
    WHERE CASE WHEN jsonb_typeof(x) <> 'object' THEN true
               ELSE coalesce(x->>'uuid', '') !~ '@UUID@'
                   OR jsonb_typeof(x->'at') IS DISTINCT FROM 'string'
                   OR jsonb_typeof(coalesce(x->'coder', '""')) <> 'string'
                   OR jsonb_typeof(coalesce(x->'label', '""')) <> 'string'
                   OR jsonb_typeof(coalesce(x->'kind', '""')) <> 'string'
                   OR length(x->>'at') > 40 OR length(x->>'coder') > 200
                   OR jsonb_typeof(x->'body') IS DISTINCT FROM 'array'
                   OR EXISTS (SELECT 1 FROM jsonb_object_keys(x) y
                              WHERE y NOT IN ('uuid', 'at', 'coder', 'label', 'kind', 'body'))
          END
    LIMIT 1;
    IF problem IS NOT NULL THEN RETURN problem; END IF;

    SELECT jsonb_object_agg(t, m) INTO kinds
        FROM (SELECT t, jsonb_object_agg(col, kind) AS m FROM columns GROUP BY t) g;
    SELECT jsonb_object_agg(t, jsonb_build_object('ident', ident, 'tracked', tracked))
        INTO idents FROM tables;
    SELECT format('%s holds a row the server does not accept (row %s): %s', name, j, why)
    INTO problem FROM (
        SELECT i, j, CASE WHEN x ? 'label' THEN format('"%s"', left(x->>'label', 80))
                          ELSE format('change set %s', i) END AS name, CASE
            WHEN jsonb_typeof(r) <> 'object' THEN 'a row is an object'
            WHEN EXISTS (SELECT 1 FROM jsonb_object_keys(r) y
                         WHERE y NOT IN ('t', 'k', 'op', 'set', 'was', 'coder', 'doc'))
                THEN 'a row has only t, k, op, set, was, coder and doc'
            WHEN NOT idents ? coalesce(r->>'t', '') THEN format(
                '%s is not a table fieldkit shares', coalesce(r->>'t', 'a row without t'))
            WHEN coalesce(r->>'op', '') NOT IN ('insert', 'update', 'delete')
                THEN 'a row''s op is insert, update or delete'
            WHEN jsonb_array_length(idents->(r->>'t')->'ident') = 1
                    AND (jsonb_typeof(r->'k') IS DISTINCT FROM 'string'
                         OR @BAD(kinds->(r->>'t')->>(idents->(r->>'t')->'ident'->>0);
                                 r->'k')@)
                THEN format('a row of %s is named by its %s', r->>'t',
                            idents->(r->>'t')->'ident'->>0)
            WHEN jsonb_array_length(idents->(r->>'t')->'ident') > 1
                    AND (jsonb_typeof(r->'k') IS DISTINCT FROM 'array'
                    OR jsonb_array_length(r->'k') <> jsonb_array_length(idents->(r->>'t')->'ident')
                    OR EXISTS (SELECT 1 FROM jsonb_array_elements(r->'k') WITH ORDINALITY e(v, n)
                               WHERE @BAD(kinds->(r->>'t')
                                              ->>(idents->(r->>'t')->'ident'->>(n::int - 1));
                                          e.v)@))
                THEN format('a row of %s is named by %s', r->>'t', idents->(r->>'t')->'ident')
            WHEN r->>'op' = 'delete' AND r ? 'set' THEN 'a deleted row has no set'
            WHEN r->>'op' = 'delete' THEN NULL
            WHEN jsonb_typeof(r->'set') IS DISTINCT FROM 'object'
                THEN 'an added or changed row has its fields in set'
            WHEN EXISTS (SELECT 1 FROM jsonb_each(r->'set') f
                         WHERE @BAD(kinds->(r->>'t')->>f.key; f.value)@)
                THEN (SELECT CASE WHEN NOT kinds->(r->>'t') ? f.key
                                  THEN format('%s has no field %s', r->>'t', f.key)
                                  ELSE format('%s.%s is not %s', r->>'t', f.key,
                                      CASE kinds->(r->>'t')->>f.key
                                      WHEN 'text' THEN 'text' WHEN 'uuid' THEN 'a UUID'
                                      WHEN 'sha' THEN 'a sha256' WHEN 'real' THEN 'a number'
                                      ELSE 'a whole number of a sensible size' END) END
                      FROM jsonb_each(r->'set') f
                      WHERE @BAD(kinds->(r->>'t')->>f.key; f.value)@ LIMIT 1)
            WHEN (idents->(r->>'t')->>'tracked')::boolean AND r->>'op' = 'insert'
                    AND (r->'set'->>(idents->(r->>'t')->'ident'->>0)) IS DISTINCT FROM r->>'k'
                THEN format('an added row of %s carries its own %s', r->>'t',
                            idents->(r->>'t')->'ident'->>0)
            WHEN (idents->(r->>'t')->>'tracked')::boolean AND r->>'op' = 'update'
                    AND r->'set' ? (idents->(r->>'t')->'ident'->>0)
                THEN format('a row of %s keeps its %s', r->>'t', idents->(r->>'t')->'ident'->>0)
            WHEN (r->'set'->>'start')::numeric > (r->'set'->>'end')::numeric
                    OR (r->'set'->>'start_ms')::numeric > (r->'set'->>'end_ms')::numeric
                THEN format('a %s row ends before it starts', r->>'t')
            WHEN least((r->'set'->>'start')::numeric, (r->'set'->>'end')::numeric,
                       (r->'set'->>'start_ms')::numeric, (r->'set'->>'end_ms')::numeric,
                       (r->'set'->>'x')::numeric, (r->'set'->>'y')::numeric,
                       (r->'set'->>'width')::numeric, (r->'set'->>'height')::numeric) < 0
                THEN format('a %s row has a negative position or size', r->>'t')
        END AS why
        FROM jsonb_array_elements(sets) WITH ORDINALITY a(x, i),
             jsonb_array_elements(a.x->'body') WITH ORDINALITY b(r, j)) checked
    WHERE why IS NOT NULL ORDER BY i, j LIMIT 1;
    RETURN problem;
END $$;

CREATE FUNCTION fieldkit.push_sets(sets jsonb, set_kind text DEFAULT 'change')
    RETURNS TABLE (uuid text, seq bigint) LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = fieldkit, pg_temp SET lock_timeout = '@WAIT@s' AS
$$
DECLARE
    who text := session_user; lead boolean; s jsonb; r jsonb; n bigint; problem text;
    cap bigint; number bigint; su text; tn text; opn text; kk text; o known; owner text;
    blind text; blind_of text; others boolean; any_blind boolean; holder text;
    tracked_tables text[]; existing jsonb; fresh bigint[] := '{}'; blinds text[] := '{}';
    last_coder text; last_owner text; last_doc text; last_len bigint;
    doc_k text; code_parent text; hops int; text_len bigint; who_label text;
BEGIN
    lead := need_member();
    IF jsonb_typeof(sets) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'fieldkit: a push is a list of change sets';
    END IF;
    cap := coalesce((SELECT value::bigint FROM team WHERE key = 'change_set_limit'), @LIMIT@);
    SELECT format('%s is larger than the team''s limit of %s bytes (the lead can raise it)',
                  CASE WHEN x ? 'label' THEN format('"%s"', left(x->>'label', 80))
                       ELSE format('change set %s', i) END, cap)
        INTO problem FROM jsonb_array_elements(sets) WITH ORDINALITY a(x, i)
        WHERE octet_length(x::text) > cap LIMIT 1;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'fieldkit: %', problem;
    END IF;
    problem := shape_problem(sets);
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'fieldkit: %', problem;
    END IF;
    BEGIN
        LOCK TABLE push_queue IN EXCLUSIVE MODE;
    EXCEPTION WHEN lock_not_available THEN
        SELECT string_agg(DISTINCT a.usename, ', ') INTO holder FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.relation = 'fieldkit.push_queue'::regclass AND l.granted;
        RAISE EXCEPTION 'fieldkit: the team server is busy: a push by % has held the'
            ' queue for over @WAIT@ seconds; try again later',
            coalesce(holder, 'another member');
    END;
    any_blind := EXISTS (SELECT 1 FROM blind_sets WHERE released_seq IS NULL);
    tracked_tables := ARRAY(SELECT x.t FROM tables x WHERE x.tracked);
    SELECT coalesce(jsonb_object_agg(c.uuid, c.seq), '{}') INTO existing FROM change_sets c
        WHERE c.uuid IN (SELECT x->>'uuid' FROM jsonb_array_elements(sets) x);
    FOR s, n IN SELECT x, i FROM jsonb_array_elements(sets) WITH ORDINALITY a(x, i) LOOP
        su := s->>'uuid';
        IF existing ? su THEN  -- sent before (the answer was lost): stored once
            CONTINUE;
        END IF;
        who_label := CASE WHEN s ? 'label' THEN format('"%s"', left(s->>'label', 80))
                          ELSE format('change set %s', n) END;
        IF coalesce(s->>'kind', 'change') <> set_kind THEN
            RAISE EXCEPTION 'fieldkit: only the team lead releases a blind set';
        END IF;
        blind := NULL; others := false;
        FOR r IN SELECT x FROM jsonb_array_elements(s->'body') x LOOP
            tn := r->>'t'; opn := r->>'op'; doc_k := NULL;
            IF jsonb_typeof(r->'k') = 'string' AND tn = ANY(tracked_tables)
            THEN
                kk := r->>'k';
                SELECT * INTO o FROM known WHERE known.t = tn AND known.k = kk;
                IF opn = 'insert' THEN
                    IF o.alive AND tn <> 'media' THEN
                        RAISE EXCEPTION 'fieldkit: % adds a row of % that exists already (%)',
                            who_label, tn, kk;
                    ELSIF o.k IS NOT NULL AND NOT o.alive AND o.member <> who AND NOT lead THEN
                        RAISE EXCEPTION 'fieldkit: % brings back a row of % that % made',
                            who_label, tn, o.member;
                    END IF;
                ELSIF o.k IS NULL THEN
                    RAISE EXCEPTION 'fieldkit: % changes a row of % the server does not know (%)',
                        who_label, tn, kk;
                ELSIF opn = 'delete' AND NOT lead AND o.member <> who
                        AND tn NOT IN ('links', 'saved_searches', 'saved_queries') THEN
                    RAISE EXCEPTION 'fieldkit: % deletes a row of % that belongs to member %;'
                        ' only the team lead deletes others'' work',
                        who_label, tn, o.member;
                END IF;
                IF tn = 'codings' THEN
                    IF opn = 'insert' THEN
                        doc_k := r->'set'->>'document_id';
                        IF doc_k IS NULL OR r->'set'->>'coder_id' IS NULL THEN
                            RAISE EXCEPTION 'fieldkit: % adds a coding without its document or'
                                ' coder',
                                who_label;
                        END IF;
                        owner := NULL;
                        IF last_coder = r->'set'->>'coder_id' THEN
                            owner := last_owner;
                        ELSE
                            SELECT member INTO owner FROM known
                                WHERE known.t = 'coders' AND known.k = r->'set'->>'coder_id';
                        END IF;
                        IF owner IS NULL THEN  -- a coder first used here: this member's
                            INSERT INTO known (t, k, member, alive)
                                VALUES ('coders', r->'set'->>'coder_id', who, true);
                            INSERT INTO coders VALUES (r->'set'->>'coder_id', who)
                                ON CONFLICT DO NOTHING;
                            owner := who;
                        ELSIF owner <> who AND NOT (lead AND o.k IS NOT NULL) THEN
                            RAISE EXCEPTION 'fieldkit: % codes as a coder that belongs to member %',
                                who_label, owner;
                        END IF;
                        last_coder := r->'set'->>'coder_id'; last_owner := owner;
                    ELSE
                        doc_k := o.doc;
                        IF o.member <> who AND NOT (lead AND (opn = 'delete'
                                OR NOT EXISTS (SELECT 1 FROM jsonb_object_keys(r->'set') x
                                               WHERE x <> 'code_id'))) THEN
                            RAISE EXCEPTION 'fieldkit: % changes codings that belong to member %',
                                who_label, o.member;
                        END IF;
                        IF opn = 'update' AND (r->'set' ? 'coder_id' OR r->'set' ? 'document_id')
                        THEN
                            RAISE EXCEPTION 'fieldkit: % moves a coding to another coder or'
                                ' document',
                                who_label;
                        END IF;
                    END IF;
                    IF opn <> 'delete' AND (r->'set' ? 'start' OR r->'set' ? 'end') THEN
                        IF last_doc IS DISTINCT FROM doc_k THEN
                            SELECT len INTO last_len FROM known WHERE known.t = 'documents'
                                AND known.k = doc_k;
                            last_doc := doc_k;
                        END IF;
                        text_len := last_len;
                        IF greatest((r->'set'->>'start')::numeric, (r->'set'->>'end')::numeric)
                                > text_len THEN
                            RAISE EXCEPTION 'fieldkit: % codes beyond the end of the text',
                                who_label;
                        END IF;
                    END IF;
                    blind_of := NULL;
                    IF any_blind THEN
                        SELECT b.set_uuid INTO blind_of FROM blind_sets b
                            WHERE b.released_seq IS NULL AND b.documents @> ARRAY[doc_k] LIMIT 1;
                    END IF;
                    IF blind_of IS NOT NULL THEN blind := blind_of; ELSE others := true; END IF;
                ELSE
                    others := true;
                END IF;
                IF tn = 'codes' THEN
                    IF NOT lead AND (opn = 'delete' OR (opn = 'update'
                            AND (r->'set' ? 'name' OR r->'set' ? 'parent_id'))) THEN
                        RAISE EXCEPTION 'fieldkit: only the team lead renames, moves, merges or'
                            ' deletes codes';
                    END IF;
                    IF opn <> 'delete' AND r->'set' ? 'parent_id' THEN
                        code_parent := r->'set'->>'parent_id'; hops := 0;
                        WHILE code_parent IS NOT NULL LOOP
                            IF code_parent = kk OR hops > 10000 THEN
                                RAISE EXCEPTION 'fieldkit: % puts a code under itself', who_label;
                            END IF;
                            SELECT parent INTO code_parent FROM known
                                WHERE known.t = 'codes' AND known.k = code_parent;
                            hops := hops + 1;
                        END LOOP;
                    END IF;
                ELSIF tn = 'coders' AND opn <> 'insert' AND o.member <> who AND NOT lead THEN
                    RAISE EXCEPTION 'fieldkit: % changes a coder that belongs to member %',
                        who_label, o.member;
                ELSIF tn = 'documents' THEN
                    IF opn = 'update' AND r->'set' ? 'text' THEN
                        SELECT l.member INTO owner FROM locks l WHERE l.document = kk;
                        IF owner IS NOT NULL AND owner <> who THEN
                            RAISE EXCEPTION 'fieldkit: % holds the edit lock of that text'
                                ' now', owner;
                        END IF;
                        IF any_blind AND EXISTS (SELECT 1 FROM blind_sets b
                                WHERE b.released_seq IS NULL AND b.documents @> ARRAY[kk]) THEN
                            RAISE EXCEPTION 'fieldkit: that document is being coded blind;'
                                ' its text can be edited after the lead releases the set';
                        END IF;
                    ELSIF opn = 'delete' AND NOT lead AND EXISTS (SELECT 1 FROM known c
                            WHERE c.t = 'codings' AND c.doc = kk AND c.alive AND c.member <> who)
                    THEN
                        RAISE EXCEPTION 'fieldkit: % deletes a document others have coded; only the'
                            ' team lead does that',
                            who_label;
                    END IF;
                END IF;
                -- the server's own record, after the row
                IF opn = 'insert' THEN
                    INSERT INTO known AS x (t, k, member, alive, parent, doc, coder, len)
                    VALUES (tn, kk, who, true,
                            CASE WHEN tn = 'codes' THEN r->'set'->>'parent_id' END, doc_k,
                            CASE WHEN tn = 'codings' THEN r->'set'->>'coder_id' END,
                            CASE WHEN tn = 'documents' THEN char_length(r->'set'->>'text') END)
                    ON CONFLICT ON CONSTRAINT known_pkey
                    DO UPDATE SET alive = true, parent = EXCLUDED.parent,
                        len = greatest(x.len, EXCLUDED.len);
                    IF tn = 'documents' THEN last_doc := NULL; END IF;
                ELSIF opn = 'delete' THEN
                    UPDATE known SET alive = false WHERE known.t = tn AND known.k = kk;
                ELSIF tn = 'codes' AND r->'set' ? 'parent_id' THEN
                    UPDATE known SET parent = r->'set'->>'parent_id'
                        WHERE known.t = 'codes' AND known.k = kk;
                ELSIF tn = 'documents' AND r->'set' ? 'text' THEN
                    last_doc := NULL;
                    UPDATE known SET len = greatest(len, char_length(r->'set'->>'text'))
                        WHERE known.t = 'documents' AND known.k = kk;
                END IF;
            ELSE
                -- a transcript's turns, a memo's or recording's details: part of a document,
                -- taken away by its maker, the lead, or whoever holds its edit lock
                IF opn = 'delete' AND NOT lead
                        AND tn IN ('turns', 'memo_info', 'recordings', 'transcript_links') THEN
                    doc_k := CASE WHEN jsonb_typeof(r->'k') = 'array' THEN r->'k'->>0
                                  ELSE r->>'k' END;
                    IF NOT EXISTS (SELECT 1 FROM known WHERE known.t = 'documents'
                                   AND known.k = doc_k AND known.member = who)
                            AND NOT EXISTS (SELECT 1 FROM locks l WHERE l.document = doc_k
                                            AND l.member = who) THEN
                        RAISE EXCEPTION 'fieldkit: % deletes part of a document that is not'
                            ' yours (%); only its maker, the lead or the holder of its edit'
                            ' lock does that', who_label, tn;
                    END IF;
                END IF;
                others := true;
            END IF;
        END LOOP;
        IF blind IS NOT NULL AND others THEN
            RAISE EXCEPTION 'fieldkit: blind codings must travel on their own (send again)';
        END IF;
        fresh := array_append(fresh, n);
        blinds := array_append(blinds, blind);
    END LOOP;
    IF cardinality(fresh) > 0 THEN
        -- numbered in order under the queue's lock: nobody else draws numbers meanwhile
        number := nextval('change_seq');
        PERFORM setval('change_seq', number + cardinality(fresh) - 1);
        INSERT INTO change_sets (seq, uuid, member, made, coder, label, kind, body, blind_set)
        SELECT number + f.o - 1, x->>'uuid', who, x->>'at', coalesce(x->>'coder', ''),
               left(coalesce(x->>'label', ''), 500), set_kind, x->'body', f.b
        FROM unnest(fresh, blinds) WITH ORDINALITY f(i, b, o),
             LATERAL (SELECT sets->(f.i::int - 1) AS x) one
        ON CONFLICT ON CONSTRAINT change_sets_uuid_key DO NOTHING;
        PERFORM pg_notify('@CHANNEL@', '');
    END IF;
    RETURN QUERY SELECT a.x->>'uuid', c.seq FROM jsonb_array_elements(sets) WITH ORDINALITY a(x, i)
        JOIN change_sets c ON c.uuid = a.x->>'uuid' ORDER BY a.i;
END $$;

CREATE FUNCTION fieldkit.push(sets jsonb) RETURNS TABLE (uuid text, seq bigint)
    LANGUAGE sql SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$ SELECT * FROM push_sets(sets, 'change') $$;
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
        "WHEN ({k}) = 'uuid' THEN jsonb_typeof({v}) <> 'string' OR ({v}) #>> '{{}}' !~ '@UUID@' "
        "WHEN ({k}) = 'sha' THEN jsonb_typeof({v}) <> 'string' OR ({v}) #>> '{{}}' !~ '@SHA@' "
        "WHEN jsonb_typeof({v}) <> 'number' THEN true "
        "WHEN ({k}) = 'real' THEN abs(({v})::text::numeric) > 1000000000000000 "
        "WHEN ({k}) = 'int' THEN abs(({v})::text::numeric) > 4000000000000 "
        "OR ({v})::text::numeric <> trunc(({v})::text::numeric) ELSE true END)")


def _filled(sql: str, channel: str) -> str:
    sql = re.sub(r"@BAD\((.*?);(.*?)\)@",
                 lambda m: _BAD.format(k=" ".join(m.group(1).split()),
                                       v=" ".join(m.group(2).split())), sql, flags=re.S)
    return (sql.replace("@UUID@", UUID_RE).replace("@SHA@", SHA_RE)
            .replace("@WAIT@", str(PUSH_WAIT_S)).replace("@LIMIT@", str(DEFAULT_LIMIT))
            .replace("@CHANNEL@", channel))


def schema_sql(channel: str) -> str:
    """Every statement that makes the schema, run as its owner role."""
    return TABLES + _filled(FUNCTIONS, channel) + POLICIES


def row_spec() -> tuple[list[tuple[str, list[str], bool]], list[tuple[str, str, str]]]:
    """What a row may hold, from fieldkit's own SQLite schema: (table, identity, tracked) and
    (table, column, kind), kind one of text, int, real, uuid (a reference by UUID), sha."""
    from fieldkit.storage import replica_tables, schema

    conn = sqlite3.connect(":memory:")
    try:
        for step in schema.MIGRATIONS:
            step(conn)
        tables: list[tuple[str, list[str], bool]] = []
        columns: list[tuple[str, str, str]] = []
        for table in sorted(replica_tables.SHARED):
            ident = list(replica_tables.IDENTITY[table])
            tables.append((table, ident, replica_tables._simple(table)))
            refs = replica_tables.REFS[table]
            for _, name, kind, *_rest in conn.execute(f"PRAGMA table_info({table})"):
                if name == "id":
                    continue
                if name in refs:
                    kind = "sha" if refs[name] == "media" else "uuid"
                elif name == "sha256":
                    kind = "sha"
                elif name == "uuid":
                    kind = "uuid"
                else:
                    kind = {"INTEGER": "int", "REAL": "real"}.get(str(kind).upper(), "text")
                columns.append((table, name, kind))
        return tables, columns
    finally:
        conn.close()


def snapshot_rows(path: str) -> list[list[Any]]:
    """Every row a snapshot file holds, as the server records it: [table, key, parent, doc,
    coder, length] (a code's parent, a coding's document and coder, a text's length)."""
    from fieldkit.storage import replica_tables

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out: list[list[Any]] = []
        for table in sorted(replica_tables.SHARED):
            if not replica_tables._simple(table):
                continue
            column = replica_tables.IDENTITY[table][0]
            if table == "codes":
                query = ("SELECT c.uuid, p.uuid, NULL, NULL, NULL FROM codes c "
                         "LEFT JOIN codes p ON p.id = c.parent_id")
            elif table == "codings":
                query = ("SELECT g.uuid, NULL, d.uuid, c.uuid, NULL FROM codings g "
                         "LEFT JOIN documents d ON d.id = g.document_id "
                         "LEFT JOIN coders c ON c.id = g.coder_id")
            elif table == "documents":
                query = "SELECT uuid, NULL, NULL, NULL, length(text) FROM documents"
            else:
                query = f"SELECT {column}, NULL, NULL, NULL, NULL FROM {table}"
            for row in conn.execute(query):
                out.append([table, *row])
        return out
    finally:
        conn.close()
