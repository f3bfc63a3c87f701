//! Codegen unit tests on hand-built ASTs.
