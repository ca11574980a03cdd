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
