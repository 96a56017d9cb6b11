/* The Go grammar as a Python extension module: language() returns the TSLanguage pointer in the
 * capsule that tree_sitter.Language takes. parser.c beside it is generated from grammar.js. */
#include <Python.h>

typedef struct TSLanguage TSLanguage;

const TSLanguage *tree_sitter_go(void);

static PyObject *language(PyObject *self, PyObject *unused) {
    return PyCapsule_New((void *)tree_sitter_go(), "tree_sitter.Language", NULL);
}

static PyMethodDef methods[] = {
    {"language", language, METH_NOARGS, "The tree-sitter Go language (a capsule for tree_sitter.Language)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_go_grammar", "Go grammar for tree-sitter, built with leakfix.", -1, methods,
};

PyMODINIT_FUNC PyInit__go_grammar(void) {
    return PyModule_Create(&module);
}
