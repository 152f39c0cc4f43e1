/* Does not parse: the scanner must report clang's diagnostics with their places. */
#ifndef SYNTAX_ERROR_H
#define SYNTAX_ERROR_H

int fine(int x);

int broken(int x)
int also_fine(void);

struct incomplete {
    int a
};

#endif
