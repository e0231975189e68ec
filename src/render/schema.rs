//! The JSON Schema (draft 2020-12) of the front matter, for editors' YAML language servers.
//!
//! Generated from [`FrontMatter`], the type the parser fills, so the two cannot drift;
//! which fields are required comes from [`Field`], the same table the parser checks.

use serde_json::{json, Value};

use crate::domain::vocabulary::{DocType, Field};
use crate::model::document::FrontMatter;

/// The schema as a JSON value.
pub fn front_matter() -> Value {
    let mut schema = schemars::schema_for!(FrontMatter);
    let names = |keep: fn(Field) -> bool| -> Vec<&str> {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| keep(*f))
            .map(Field::name)
            .collect()
    };
    let always = names(|f| f.is_required_for(DocType::Prep));
    let contract =
        names(|f| f.is_required_for(DocType::Contract) && !f.is_required_for(DocType::Prep));
    let object = schema.ensure_object();
    // `Option` is how the parser says "absent or invalid"; in a file, a field written with
    // no value is invalid for `check`, so the schema allows no null either.
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        for property in properties.values_mut() {
            strict(property);
        }
    }
    object.insert("required".to_owned(), json!(always));
    // A typo such as `folow_up` is a warning for `check`; an editor can underline it.
    object.insert("additionalProperties".to_owned(), json!(false));
    object.insert(
        "allOf".to_owned(),
        json!([{
            "if": {"properties": {"type": {"const": DocType::Contract.name()}}, "required": ["type"]},
            "then": {"required": contract}
        }]),
    );
    schema.to_value()
}

/// The schema of a capability framework file (docs/frameworks.md), from the type that
/// describes it beside the reader.
pub fn framework() -> Value {
    let mut schema = schemars::schema_for!(crate::config::framework::FrameworkFile);
    if let Some(Value::Object(definitions)) = schema.ensure_object().get_mut("$defs") {
        if let Some(Value::Object(capability)) = definitions.get_mut("CapabilityFile") {
            if let Some(Value::Object(properties)) = capability.get_mut("properties") {
                if let Some(area) = properties.get_mut("area") {
                    strict(area);
                }
            }
        }
    }
    schema.to_value()
}

/// Removes `null` from a property's types, and gives dates the pattern `check` enforces
/// (`format: date` alone is not checked by most validators).
fn strict(property: &mut Value) {
    let Some(object) = property.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            object.insert("type".to_owned(), only);
        }
    }
    if let Some(Value::Array(branches)) = object.get_mut("anyOf") {
        branches.retain(|b| b.get("type").is_none_or(|t| t != "null"));
        if branches.len() == 1 {
            let only = branches.remove(0);
            object.remove("anyOf");
            if let Value::Object(only) = only {
                object.extend(only);
            }
        }
    }
    if object.get("format").is_some_and(|f| f == "date") {
        object.insert("pattern".to_owned(), json!(r"^\d{4}-\d{2}-\d{2}$"));
    }
    if let Some(items) = object.get_mut("items") {
        strict(items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_a_property_and_nothing_else() {
        let schema = front_matter();
        let mut properties: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut fields: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        properties.sort_unstable();
        fields.sort_unstable();
        assert_eq!(properties, fields);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(
            schema["required"],
            json!(["type", "engineer", "manager", "date"])
        );
    }
}
