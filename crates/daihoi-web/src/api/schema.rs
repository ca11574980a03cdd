//! Schemas of the API's values whose rules live in daihoi-core: the enums
//! come from its lists (`OrgKind::ALL`, `Gender::ALL`, …), the patterns and
//! lengths from its checks (`OrgCode::parse`, TEXT-1), so that the OpenAPI
//! document states what the code enforces and cannot drift from it.
//! Used with `#[schema(schema_with = …)]` and `#[param(schema_with = …)]`.

use daihoi_core::OrgKind;
use daihoi_core::members::{ConditionKind, Gender, MemberStanding};
use daihoi_core::org::{ORG_CODE_MAX_CHARS, ORG_CODE_PATTERN};
use daihoi_core::text::{LINE_PATTERN, ORG_NAME_MAX_CHARS};
use serde_json::Value;
use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, Object, ObjectBuilder, SchemaFormat, SchemaType, Type};

/// The largest `offset` of a member list.
pub const MAX_OFFSET: u64 = 1_000_000_000;

/// The most characters of a member search (`q`).
pub const MAX_QUERY_CHARS: usize = 200;

fn string_enum(codes: impl IntoIterator<Item = &'static str>, description: &str, nullable: bool) -> Object {
    let mut values: Vec<Value> = codes.into_iter().map(Value::from).collect();
    let schema_type: SchemaType = if nullable {
        values.push(Value::Null);
        [Type::String, Type::Null].into_iter().collect()
    } else {
        Type::String.into()
    };
    ObjectBuilder::new().schema_type(schema_type).enum_values(Some(values)).description(Some(description)).build()
}

/// An organization's kind (`OrgKind::ALL`).
pub fn org_kind() -> Object {
    string_enum(
        OrgKind::ALL.map(OrgKind::code),
        "The level of the organization in the tree; a kind sits only under some kinds (O-KIND-1).",
        false,
    )
}

/// `male` or `female`.
pub fn gender() -> Object {
    string_enum(Gender::ALL.map(Gender::code), "`male` or `female`.", false)
}

/// `official` or `probationary` on the list's date.
pub fn standing() -> Object {
    string_enum(MemberStanding::ALL.map(MemberStanding::code), "`official` or `probationary` on the date.", false)
}

/// `official`, `probationary`, or `null` before admission.
pub fn standing_or_null() -> Object {
    string_enum(
        MemberStanding::ALL.map(MemberStanding::code),
        "`official` or `probationary` today; `null` before admission.",
        true,
    )
}

/// A condition's kind (`ConditionKind::ALL`).
pub fn condition_kind() -> Object {
    string_enum(
        ConditionKind::ALL.map(ConditionKind::code),
        "A condition that takes the member out of the base of an election (R-BASE-1).",
        false,
    )
}

/// The conditions holding on a date.
pub fn condition_kinds() -> utoipa::openapi::schema::Array {
    ArrayBuilder::new().items(condition_kind()).description(Some("Conditions holding on the date (R-BASE-1).")).build()
}

/// An organization code as `OrgCode::parse` reads it (case does not matter).
pub fn org_code_object(description: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(ORG_CODE_MAX_CHARS))
        .pattern(Some(ORG_CODE_PATTERN))
        .description(Some(description))
        .examples([Value::from("QN.DH.QT")])
        .build()
}

/// An organization's code (a path or response field).
pub fn org_code() -> Object {
    org_code_object("Organization code: segments of letters, digits, '-' and '_' joined by dots; case does not matter.")
}

/// The code of a new organization (O-CODE-1).
pub fn new_org_code() -> Object {
    let mut schema = org_code_object(
        "The new code: the parent's code, a dot and one more segment (O-CODE-1); case does not matter.",
    );
    schema.examples = vec![Value::from("QN.DH.QT.CB03")];
    schema
}

/// The parent of a new organization.
pub fn parent_code() -> Object {
    org_code_object("The parent's code; it must exist on `valid_from` and still exist (O-CURRENT-1).")
}

/// A name as a person types it (TEXT-1, O-NAME-1).
pub fn org_name_input() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(ORG_NAME_MAX_CHARS))
        .pattern(Some(LINE_PATTERN))
        .description(Some(
            "At most 200 characters as sent; no control, line-separator or invisible formatting character \
             between its first and last visible character; the spaces at its ends are removed (TEXT-1).",
        ))
        .examples([Value::from("Chi bộ thôn Tân Lập")])
        .build()
}

/// A date of the tree's history (`valid_from`, `from`): absent means today.
pub fn history_date(description: &str) -> Object {
    ObjectBuilder::new()
        .schema_type([Type::String, Type::Null].into_iter().collect::<SchemaType>())
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .description(Some(description))
        .examples([Value::from("2026-12-01")])
        .build()
}

/// `valid_from` of a new organization.
pub fn valid_from() -> Object {
    history_date(
        "First day (`yyyy-mm-dd`); absent or `null`: today in Vietnam. From 1930-02-03 to one year after \
         today (O-DATE-1), and a day on which the parent exists.",
    )
}

/// `from` of a renaming.
pub fn rename_from() -> Object {
    history_date(
        "First day of the new name (`yyyy-mm-dd`); absent or `null`: today in Vietnam. From 1930-02-03 to \
         one year after today (O-DATE-1), and not before the start of the current version.",
    )
}

// --- documents and dissemination -------------------------------------------

/// The most characters of a document number as sent (`23-NQ/TU`, with a `Số:` prefix).
pub const NUMBER_MAX_CHARS: usize = 100;

/// A classification (độ mật, `Classification::ALL`), T-6.
pub fn classification() -> Object {
    string_enum(
        daihoi_store::documents::Classification::ALL.map(daihoi_store::documents::Classification::code),
        "Who may read it (T-6): `normal`, `confidential` (mật) or `secret` (tối mật); a reader below it \
         never receives any of its text.",
        false,
    )
}

/// A classification to choose, or `null` / absent.
pub fn classification_or_null(description: &str) -> Object {
    string_enum(
        daihoi_store::documents::Classification::ALL.map(daihoi_store::documents::Classification::code),
        description,
        true,
    )
}

/// A link's kind as seen from a document (`LinkKind::ALL`, both ways, D-LINK-1).
pub fn link_kind() -> Object {
    string_enum(
        daihoi_documents::LinkKind::ALL.iter().flat_map(|k| [k.code(), k.inverse_code()]),
        "The relation as seen from this document (D-LINK-1): `guides` / `guided_by`, `implements` / \
         `implemented_by`, `replaces` / `replaced_by`, `amends` / `amended_by`.",
        false,
    )
}

/// A Party document number as a person types it (D-NUM-1, D-NUM-2).
pub fn document_number_input() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(NUMBER_MAX_CHARS))
        .description(Some(
            "NUMBER-TYPE/ISSUER as written on the document (D-NUM-1), at most 100 characters; a `Số:` prefix, \
             spaces around `-` and `/`, D for Đ are read (D-NUM-2). A State number (30/2020/NĐ-CP) or an \
             unknown type is refused with 422.",
        ))
        .examples([Value::from("439-KH/TU")])
        .build()
}

/// A title (TEXT-1, at most `TITLE_MAX_CHARS`).
pub fn title_input() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(daihoi_core::text::TITLE_MAX_CHARS))
        .pattern(Some(LINE_PATTERN))
        .description(Some(
            "One line of at most 1000 characters as sent, without control, line-separator or invisible \
             formatting characters; the spaces at its ends are removed (TEXT-1).",
        ))
        .build()
}

/// The characters a text of several lines may not hold anywhere, as the
/// API checks them ([`paragraphs_problem`]): TEXT-1's, tabs and line
/// breaks apart.
pub const PARAGRAPHS_PATTERN: &str = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*$";

/// Whether a text of several lines holds a character [`PARAGRAPHS_PATTERN`]
/// refuses (TEXT-1: the store would trim some at its ends; the API refuses
/// them wherever they are, as its document says).
pub fn paragraphs_problem(text: &str) -> Option<char> {
    text.chars().find(|c| daihoi_core::text::is_forbidden(*c) && !matches!(c, '\n' | '\r' | '\t'))
}

/// A text of several lines (a summary, notes): may be empty.
pub fn paragraphs_input() -> Object {
    ObjectBuilder::new()
        .schema_type([Type::String, Type::Null].into_iter().collect::<SchemaType>())
        .max_length(Some(daihoi_core::text::NOTE_MAX_CHARS))
        .pattern(Some(PARAGRAPHS_PATTERN))
        .description(Some(
            "Several lines, at most 10,000 characters; tabs and line breaks allowed, no other control or \
             invisible formatting character (TEXT-1). Absent, `null` or empty: none.",
        ))
        .build()
}

/// A short label (a conference's level): one line, may be empty.
pub fn label_input() -> Object {
    // LINE_PATTERN, or only spaces (an optional line).
    let pattern = format!(
        "{LINE_PATTERN}|^[\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]*$"
    );
    ObjectBuilder::new()
        .schema_type([Type::String, Type::Null].into_iter().collect::<SchemaType>())
        .max_length(Some(daihoi_core::text::LABEL_MAX_CHARS))
        .pattern(Some(pattern))
        .description(Some("One line of at most 200 characters (TEXT-1); absent, `null` or empty: none."))
        .examples([Value::from("cấp xã")])
        .build()
}

/// A Party card number as `CardNumber::parse` reads it.
pub const CARD_PATTERN: &str = r"^[ .\-]*([0-9][ .\-]*){4,16}$";

/// A Party card number.
pub fn card_number() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(64))
        .pattern(Some(CARD_PATTERN))
        .description(Some("A Party card number: 4 to 16 digits; spaces, '.' and '-' between them are ignored."))
        .examples([Value::from("10000001")])
        .build()
}

/// A list of card numbers (attendees), at most `most`.
pub fn card_numbers(most: usize) -> utoipa::openapi::schema::Array {
    ArrayBuilder::new()
        .items(card_number())
        .max_items(Some(most))
        .description(Some("Card numbers of members who attended; each one a member the caller may read."))
        .build()
}

/// A list of organization codes (attending organizations), at most `most`.
pub fn org_codes(most: usize) -> utoipa::openapi::schema::Array {
    ArrayBuilder::new()
        .items(org_code_object("An organization in the holder's subtree on the day."))
        .max_items(Some(most))
        .description(Some("Organizations that attended as such, by code, in the holder's subtree on the day."))
        .build()
}

/// The new parent of an organization moved.
pub fn move_parent() -> Object {
    org_code_object(
        "The new parent's code: it must exist on `from` and still exist (O-CURRENT-1), the caller must write \
         in it, and the organization's kind must fit under its kind (O-KIND-1).",
    )
}

/// The organization another is merged into.
pub fn merge_into() -> Object {
    org_code_object(
        "The code of the organization it is merged into: it must exist on `date` and still exist \
         (O-CURRENT-1), and the caller must write in it.",
    )
}

/// `from` of a move.
pub fn move_from() -> Object {
    history_date(
        "First day under the new parent (`yyyy-mm-dd`); absent or `null`: today in Vietnam. From 1930-02-03 to \
         one year after today (O-DATE-1), and not before the start of the current version.",
    )
}

/// `date` of a merger or a dissolution.
pub fn end_date() -> Object {
    history_date(
        "The first day the organization no longer exists (`yyyy-mm-dd`); absent or `null`: today in Vietnam. \
         From 1930-02-03 to one year after today (O-DATE-1), and after the start of its current version.",
    )
}
