"""The team server's history functions, as SQL: ``shape_problem`` (every row against the
schema) and ``push_sets`` (every row against the server's own record, then numbered).

``push`` checks each row against ``known`` (who made every row, whether it is alive, a code's
parent, a coding's coder and document, a text's length) and ``refs`` (what each row points at,
from the foreign keys of fieldkit's own SQLite schema): a member's delete, or move, of a row is
refused when the replicas' cascade would take away, or carry along, another member's row that
the change set does not name itself; a row of a table whose key is not one UUID (a set's or
case's member, a transcript's turn) belongs to whoever added it, and is removed by them, the
owner of what holds it (the set, the case, the document), or the lead; a memo link, saved search
or saved coding query is changed or deleted only by its maker or the lead. A memo is signed by who
wrote it (the ``author`` fields: a code's, coding's or document's memo writers, a memo
document's details): each must name one of the sender's own coders, and a memo's new text must
come with its writer, so no member, the lead included, passes their text off as another's.
"""

HISTORY = r"""
-- the history ---------------------------------------------------------------------------

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
                                      WHEN 'author' THEN 'a coder''s UUID'
                                      WHEN 'sha' THEN 'a sha256' WHEN 'real' THEN 'a number'
                                      ELSE 'a whole number of a sensible size' END) END
                      FROM jsonb_each(r->'set') f
                      WHERE @BAD(kinds->(r->>'t')->>f.key; f.value)@ LIMIT 1)
            WHEN (idents->(r->>'t')->>'tracked')::boolean AND r->>'op' = 'insert'
                    AND (r->'set'->>(idents->(r->>'t')->'ident'->>0)) IS DISTINCT FROM r->>'k'
                THEN format('an added row of %s carries its own %s', r->>'t',
                            idents->(r->>'t')->'ident'->>0)
            WHEN r->>'op' = 'update' AND r->'set' ?| ARRAY(
                    SELECT jsonb_array_elements_text(idents->(r->>'t')->'ident'))
                THEN format('a row of %s keeps its %s', r->>'t',
                            array_to_string(ARRAY(SELECT jsonb_array_elements_text(
                                idents->(r->>'t')->'ident')), ', '))
            WHEN (r->'set'->>'start')::numeric > (r->'set'->>'end')::numeric
                    OR (r->'set'->>'start_ms')::numeric > (r->'set'->>'end_ms')::numeric
                THEN format('a %s row ends before it starts', r->>'t')
            WHEN least((r->'set'->>'start')::numeric, (r->'set'->>'end')::numeric,
                       (r->'set'->>'start_ms')::numeric, (r->'set'->>'end_ms')::numeric,
                       (r->'set'->>'x')::numeric, (r->'set'->>'y')::numeric,
                       (r->'set'->>'width')::numeric, (r->'set'->>'height')::numeric) < 0
                THEN format('a %s row has a negative position or size', r->>'t')
            WHEN r->>'t' = 'attributes' AND r->'set' ? 'type' AND r->'set'->>'type'
                    NOT IN ('text', 'number', 'date', 'boolean', 'choice')
                THEN 'an attribute''s type is text, number, date, boolean or choice'
            WHEN r->>'t' = 'attributes' AND r->'set' ? 'choices'
                    AND NOT json_is(r->'set'->>'choices', 'texts')
                THEN 'an attribute''s choices are a list of texts'
            WHEN r->>'t' IN ('cases', 'documents', 'participants')
                    AND r->'set'->>'attributes' NOT IN ('', '{}')
                    AND NOT json_is(r->'set'->>'attributes', 'object')
                THEN format('a %s row''s attributes are a set of values', r->>'t')
        END AS why
        FROM jsonb_array_elements(sets) WITH ORDINALITY a(x, i),
             jsonb_array_elements(a.x->'body') WITH ORDINALITY b(r, j)) checked
    WHERE why IS NOT NULL ORDER BY i, j LIMIT 1;
    RETURN problem;
END $$;

-- Whether text v is JSON of a kind: 'object', or 'texts' (a list of texts); false when v is
-- not JSON at all (attribute values and choices travel as JSON text)
CREATE FUNCTION fieldkit.json_is(v text, kind text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
    SET search_path = fieldkit, pg_temp AS
$$
DECLARE j jsonb;
BEGIN
    j := v::jsonb;
    IF kind = 'texts' THEN
        RETURN jsonb_typeof(j) = 'array' AND NOT EXISTS (
            SELECT 1 FROM jsonb_array_elements(j) e WHERE jsonb_typeof(e) <> 'string');
    END IF;
    RETURN jsonb_typeof(j) = kind;
EXCEPTION WHEN invalid_text_representation THEN
    RETURN false;
END $$;

-- Every live row a replica deletes with row (tn, kk): those that point at it, and at those,
-- and so on (the replicas' cascade follows the foreign keys of fieldkit's schema), with who
-- made each.
CREATE FUNCTION fieldkit.dependants(tn text, kk text) RETURNS TABLE (t text, k text, member text)
    LANGUAGE sql STABLE SET search_path = fieldkit, pg_temp AS
$$
WITH RECURSIVE dep(t, k) AS (
    SELECT f.t, f.k FROM refs f JOIN known x ON x.t = f.t AND x.k = f.k AND x.alive
    WHERE f.target_t = tn AND f.target_k = kk AND NOT (f.t = tn AND f.k = kk)
  UNION
    SELECT f.t, f.k FROM dep JOIN refs f ON f.target_t = dep.t AND f.target_k = dep.k
    JOIN known x ON x.t = f.t AND x.k = f.k AND x.alive
)
SELECT d.t, d.k, x.member FROM dep d JOIN known x ON x.t = d.t AND x.k = d.k
$$;

-- What would stop a member's delete or move of row (tn, kk): NULL, or "member anna's codings"
-- (the first other member's rows the replicas would delete or carry along with it).
CREATE FUNCTION fieldkit.others_depending(tn text, kk text, who text) RETURNS text
    LANGUAGE sql STABLE SET search_path = fieldkit, pg_temp AS
$$
SELECT format('member %s''s %s', d.member, d.t) FROM dependants(tn, kk) d
WHERE d.member <> who LIMIT 1
$$;

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
    holders jsonb; held_by text; held_k text; blocker text; leaned_on boolean;
    authored jsonb; author_col text; author_owner text;
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
    -- a row whose key is not one UUID belongs to the row its key's first field points at
    -- (a set's member to the set, a case's to the case, a turn to its document)
    SELECT jsonb_object_agg(x.t, c.ref) INTO holders FROM tables x
        JOIN columns c ON c.t = x.t AND c.col = x.ident[1] WHERE NOT x.tracked;
    -- the fields that say which coder wrote a memo, by table
    SELECT coalesce(jsonb_object_agg(a.t, a.cols), '{}') INTO authored
        FROM (SELECT c.t, jsonb_agg(c.col) AS cols FROM columns c WHERE c.kind = 'author'
              GROUP BY c.t) a;
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
                ELSIF tn = 'attributes' AND NOT lead AND o.member <> who
                        AND (opn = 'delete' OR r->'set' ?| ARRAY['name', 'type', 'choices'])
                THEN  -- the structure of case data, like the codebook's: the lead's
                    RAISE EXCEPTION 'fieldkit: only the team lead renames, retypes or deletes'
                        ' an attribute that another member defined';
                ELSIF tn = 'sets' AND NOT lead AND r->'set' ? 'kind' AND opn = 'update' THEN
                    -- a set of documents read as one of codes hides everyone's members
                    RAISE EXCEPTION 'fieldkit: only the team lead changes what a set holds'
                        ' (documents or codes)';
                ELSIF tn = 'case_parts' AND opn = 'update' AND NOT lead AND o.member <> who THEN
                    RAISE EXCEPTION 'fieldkit: % changes a case part that member % added; only'
                        ' they or the team lead do that', who_label, o.member;
                ELSIF tn IN ('links', 'saved_searches', 'saved_queries') AND opn <> 'insert'
                        AND NOT lead AND o.member <> who THEN
                    -- a memo link, saved search or saved coding query is its maker's work
                    RAISE EXCEPTION 'fieldkit: % % a % that member % added; only they or the'
                        ' team lead do that', who_label,
                        CASE opn WHEN 'delete' THEN 'deletes' ELSE 'changes' END,
                        CASE tn WHEN 'links' THEN 'memo link'
                                WHEN 'saved_searches' THEN 'saved search'
                                ELSE 'saved coding query' END, o.member;
                ELSIF opn = 'delete' AND NOT lead AND o.member <> who
                        -- a case's owner takes others' parts out of it, as with its members
                        AND NOT (tn = 'case_parts' AND EXISTS (SELECT 1 FROM refs f
                            JOIN known h ON h.t = 'cases' AND h.k = f.target_k
                            WHERE f.t = 'case_parts' AND f.k = kk AND f.col = 'case_id'
                            AND h.member = who)) THEN
                    RAISE EXCEPTION 'fieldkit: % deletes a row of % that belongs to member %;'
                        ' only the team lead deletes others'' work',
                        who_label, tn, o.member;
                END IF;
                -- what the replicas would delete with it, or carry along when it moves, must
                -- be the member's own or named in the change set itself (the lead's right)
                -- (most rows, a coding say, have nothing pointing at them: one index probe)
                leaned_on := opn <> 'insert' AND EXISTS (SELECT 1 FROM refs f
                    WHERE f.target_t = tn AND f.target_k = kk);
                IF leaned_on AND NOT lead AND (opn = 'delete' OR EXISTS (
                        SELECT 1 FROM jsonb_object_keys(r->'set') y JOIN columns c
                        ON c.t = tn AND c.col = y WHERE c.ref IS NOT NULL)) THEN
                    blocker := others_depending(tn, kk, who);
                    IF blocker IS NOT NULL THEN
                        RAISE EXCEPTION 'fieldkit: % % a row of % on which % depend; only the'
                            ' team lead does that (every copy would lose or move them)',
                            who_label, CASE opn WHEN 'delete' THEN 'deletes' ELSE 'moves' END,
                            tn, blocker;
                    END IF;
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
                ELSIF tn = 'relation_types' AND NOT lead AND (opn = 'delete'
                        OR (opn = 'update' AND (r->'set' ? 'name' OR r->'set' ? 'direction'
                                                OR r->'set' ? 'symmetric'))) THEN
                    -- what a relation means is codebook structure: the lead's
                    RAISE EXCEPTION 'fieldkit: only the team lead renames, redirects or'
                        ' deletes relation types';
                ELSIF tn = 'coders' AND opn <> 'insert' AND o.member <> who AND NOT lead THEN
                    RAISE EXCEPTION 'fieldkit: % changes a coder that belongs to member %',
                        who_label, o.member;
                ELSIF tn = 'documents' THEN
                    IF opn = 'update' AND (r->'set' ? 'text' OR r->'set' ? 'title')
                            AND EXISTS (SELECT 1 FROM known m WHERE m.t = 'memo_info'
                                        AND m.k = kk AND m.alive)
                            AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(s->'body') y
                                WHERE y->>'t' = 'memo_info' AND y->>'k' = kk
                                AND jsonb_typeof(y->'set'->'modified_by') = 'string') THEN
                        -- a memo document's text goes with who wrote it (its details)
                        RAISE EXCEPTION 'fieldkit: % changes a memo without naming which of'
                            ' your coders wrote it', who_label;
                    END IF;
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
                    IF leaned_on THEN  -- the replicas delete those with it
                        UPDATE known x SET alive = false FROM dependants(tn, kk) d
                            WHERE x.t = d.t AND x.k = d.k;
                    END IF;
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
                -- a row whose key is not one UUID (a set's or case's member, a transcript's
                -- turn, a memo's or recording's details) belongs to whoever added it; it is
                -- taken away by them, the owner of what holds it (the set, the case, the
                -- document; a document's edit lock holder too), or the lead
                kk := CASE WHEN jsonb_typeof(r->'k') = 'string' THEN r->>'k'
                           ELSE (r->'k')::text END;
                held_by := holders->>tn;
                held_k := CASE WHEN jsonb_typeof(r->'k') = 'array' THEN r->'k'->>0
                               ELSE r->>'k' END;
                SELECT * INTO o FROM known WHERE known.t = tn AND known.k = kk;
                IF opn = 'insert' AND o.alive IS NOT TRUE THEN
                    INSERT INTO known AS x (t, k, member, alive) VALUES (tn, kk, who, true)
                    ON CONFLICT ON CONSTRAINT known_pkey
                    DO UPDATE SET alive = true, member = EXCLUDED.member;
                ELSIF opn = 'delete' OR (opn = 'update' AND tn <> 'memo_info') THEN
                    -- changed (a turn's speaker, a transcript's offset) by the same people
                    -- (a memo's details are a memo: anyone writes them, signed as themselves)
                    IF NOT lead AND o.member IS DISTINCT FROM who
                            AND NOT EXISTS (SELECT 1 FROM known h WHERE h.t = held_by
                                            AND h.k = held_k AND h.member = who)
                            AND NOT (held_by = 'documents' AND EXISTS (SELECT 1 FROM locks l
                                     WHERE l.document = held_k AND l.member = who)) THEN
                        IF held_by = 'documents' THEN
                            RAISE EXCEPTION 'fieldkit: % % part of a document that is not'
                                ' yours (%); only its maker, the lead or the holder of its'
                                ' edit lock does that', who_label,
                                CASE opn WHEN 'delete' THEN 'deletes' ELSE 'changes' END, tn;
                        END IF;
                        RAISE EXCEPTION 'fieldkit: % takes a row of % that member % added out'
                            ' of a % that is not yours; only they, its owner or the team lead'
                            ' do that', who_label, tn, coalesce(o.member, 'the lead'),
                            rtrim(held_by, 's');
                    END IF;
                    IF opn = 'delete' THEN
                        UPDATE known SET alive = false WHERE known.t = tn AND known.k = kk;
                    END IF;
                END IF;
                others := true;
            END IF;
            -- a memo is written as one of the sender's own coders (a coder first named here
            -- becomes theirs), never as another member's, not even by the lead
            IF opn <> 'delete' AND authored ? tn THEN
                FOR author_col IN SELECT jsonb_array_elements_text(authored->tn) LOOP
                    IF jsonb_typeof(r->'set'->author_col) = 'string' THEN
                        author_owner := NULL;
                        SELECT member INTO author_owner FROM known
                            WHERE known.t = 'coders' AND known.k = r->'set'->>author_col;
                        IF author_owner IS NULL THEN
                            INSERT INTO known (t, k, member, alive)
                                VALUES ('coders', r->'set'->>author_col, who, true);
                            INSERT INTO coders VALUES (r->'set'->>author_col, who)
                                ON CONFLICT DO NOTHING;
                        ELSIF author_owner <> who THEN
                            RAISE EXCEPTION 'fieldkit: % signs a memo with a coder that belongs'
                                ' to member %; a memo is written as one of your own coders',
                                who_label, author_owner;
                        END IF;
                    ELSIF author_col = 'memo_modified_by' AND opn = 'update'
                            AND coalesce(r->'set'->>'memo', '') <> '' THEN
                        -- a memo's new text says which of the sender's coders wrote it
                        RAISE EXCEPTION 'fieldkit: % changes a memo without naming which of'
                            ' your coders wrote it', who_label;
                    ELSIF tn = 'memo_info' AND author_col = 'modified_by'
                            AND (r->'set' ? author_col OR opn = 'insert'
                                 OR r->'set' ? 'author') THEN
                        -- a memo's details always say which of the sender's coders wrote it
                        RAISE EXCEPTION 'fieldkit: % writes a memo without naming which of'
                            ' your coders wrote it', who_label;
                    END IF;
                END LOOP;
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
        -- what every row added or changed points at now (the last change of it wins)
        INSERT INTO refs AS x (t, k, col, target_t, target_k)
        SELECT DISTINCT ON (b.r->>'t', kt.k, c.col) b.r->>'t', kt.k, c.col, c.ref,
               b.r->'set'->>c.col
        FROM unnest(fresh) WITH ORDINALITY f(i, o),
             LATERAL jsonb_array_elements(sets->(f.i::int - 1)->'body') WITH ORDINALITY b(r, j),
             LATERAL (SELECT CASE WHEN jsonb_typeof(b.r->'k') = 'string' THEN b.r->>'k'
                                  ELSE (b.r->'k')::text END AS k) kt,
             LATERAL jsonb_object_keys(b.r->'set') y, columns c
        WHERE b.r->>'op' <> 'delete' AND c.t = b.r->>'t' AND c.col = y AND c.ref IS NOT NULL
        ORDER BY b.r->>'t', kt.k, c.col, f.o DESC, b.j DESC
        ON CONFLICT ON CONSTRAINT refs_pkey
        DO UPDATE SET target_t = EXCLUDED.target_t, target_k = EXCLUDED.target_k;
        PERFORM pg_notify('@CHANNEL@', '');
    END IF;
    RETURN QUERY SELECT a.x->>'uuid', c.seq FROM jsonb_array_elements(sets) WITH ORDINALITY a(x, i)
        JOIN change_sets c ON c.uuid = a.x->>'uuid' ORDER BY a.i;
END $$;

CREATE FUNCTION fieldkit.push(sets jsonb) RETURNS TABLE (uuid text, seq bigint)
    LANGUAGE sql SECURITY DEFINER SET search_path = fieldkit, pg_temp AS
$$ SELECT * FROM push_sets(sets, 'change') $$;
"""
