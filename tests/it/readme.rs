//! The README's rule table is generated from the catalog: this test keeps it current.
//! `UPDATE_README=1 cargo test --test it readme::` rewrites it.

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn the_readme_rule_table_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the rules markers");
    };
    let current = &readme[a + START.len()..b];
    let table = bianzhi::rules::markdown_table();
    if current != table {
        if std::env::var_os("UPDATE_README").is_some() {
            let new = format!("{}{START}{table}{}", &readme[..a], &readme[b..]);
            std::fs::write(path, new).unwrap();
        } else {
            panic!(
                "README rule table is out of date: run `UPDATE_README=1 cargo test --test it readme::`"
            );
        }
    }
}
