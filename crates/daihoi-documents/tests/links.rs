//! D-LINK-1: links between documents.

use daihoi_documents::{Direction, Link, LinkError, LinkKind, Registry, parse_number, would_cycle};
use time::macros::date;

/// D-LINK-1: each kind has a stable code both ways, and the codes read back.
#[test]
fn d_link_1_codes_both_ways() {
    let table = [
        (LinkKind::Guides, "guides", "guided_by"),
        (LinkKind::Implements, "implements", "implemented_by"),
        (LinkKind::Replaces, "replaces", "replaced_by"),
        (LinkKind::Amends, "amends", "amended_by"),
    ];
    for (kind, code, inverse) in table {
        assert_eq!(kind.code(), code);
        assert_eq!(kind.inverse_code(), inverse);
        assert_eq!(kind.code_in(Direction::Forward), code);
        assert_eq!(kind.code_in(Direction::Inverse), inverse);
        assert_eq!(LinkKind::from_code(code), Some((kind, Direction::Forward)));
        assert_eq!(LinkKind::from_code(inverse), Some((kind, Direction::Inverse)));
    }
    assert_eq!(LinkKind::from_code("cites"), None);
    assert!(LinkKind::Replaces.acyclic());
    assert!(!LinkKind::Guides.acyclic());
}

/// D-LINK-1: the research's links, by document key; a link to itself is refused.
#[test]
fn d_link_1_real_links_and_self_link() {
    let registry = Registry::default_party();
    let key = |text: &str, day| parse_number(text, &registry).unwrap().number.key(day);
    let ct35 = key("35-CT/TW", date!(2024 - 06 - 14));
    let ct45 = key("45-CT/TW", date!(2025 - 04 - 14));
    let hd27 = key("27-HD/BTCTW", date!(2024 - 09 - 01));
    let kh439 = key("439-KH/TU", date!(2024 - 07 - 01));

    assert!(Link::new(hd27.clone(), LinkKind::Guides, ct35.clone()).is_ok());
    assert!(Link::new(kh439, LinkKind::Implements, ct35.clone()).is_ok());
    assert!(Link::new(ct45, LinkKind::Replaces, ct35.clone()).is_ok());
    for kind in LinkKind::ALL {
        assert_eq!(Link::new(ct35.clone(), kind, ct35.clone()), Err(LinkError::SelfLink { kind }));
    }
    // The same number of another term is another document: not a self-link.
    let ct35_2019 = key("35-CT/TW", date!(2019 - 05 - 30));
    assert!(Link::new(ct35.clone(), LinkKind::Replaces, ct35_2019).is_ok());
}

/// D-LINK-1: `replaces` must not close a cycle.
#[test]
fn d_link_1_would_cycle() {
    // 190 replaces 244; 45 replaces 35.
    let edges = [("190", "244"), ("244", "100"), ("45", "35")];
    assert!(would_cycle(&edges, &"244", &"190"), "244 → 190 closes 190 → 244");
    assert!(would_cycle(&edges, &"100", &"190"), "through 244");
    assert!(would_cycle(&edges, &"35", &"35"), "to itself");
    assert!(!would_cycle(&edges, &"35", &"190"), "separate chains");
    assert!(!would_cycle(&edges, &"190", &"100"), "a shortcut is not a cycle");
    assert!(!would_cycle(&[], &"a", &"b"));
    // A diamond does not loop the search.
    let diamond = [(1, 2), (1, 3), (2, 4), (3, 4)];
    assert!(!would_cycle(&diamond, &1, &4));
    assert!(would_cycle(&diamond, &4, &1));
}
