// Validates every document of a Kubernetes manifest against the schema of its kind (kubernetes-models,
// generated from the Kubernetes OpenAPI definitions). Prints one line per document; exits 1 on any error.
// Usage: node validate-kubernetes.js FILE
import fs from "node:fs";
import YAML from "yaml";

const file = process.argv[2];
const documents = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
let failed = 0;
for (const document of documents) {
  if (document.errors.length > 0) {
    console.log(`FAIL yaml: ${document.errors[0].message}`);
    failed++;
    continue;
  }
  const object = document.toJS();
  if (!object) continue;
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
  const module = group === "" ? `kubernetes-models/${version}/${object.kind}` : `kubernetes-models/${group}/${version}/${object.kind}`;
  try {
    const Model = (await import(module))[object.kind];
    new Model(object).validate();
    console.log(`ok ${object.kind}/${object.metadata.name}`);
  } catch (error) {
    console.log(`FAIL ${object.kind}/${object.metadata && object.metadata.name}: ${String(error.message).split("\n").slice(0, 3).join(" ")}`);
    failed++;
  }
}
process.exit(failed === 0 && documents.length > 0 ? 0 : 1);
