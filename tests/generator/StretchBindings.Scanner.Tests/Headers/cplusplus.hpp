// C++ constructs the generator cannot express, beside C ones it can.
#pragma once

#include <stdint.h>

extern "C" {

/** A plain C struct is fine in C++ too. */
struct point {
    int32_t x;
    int32_t y;
};

/** An extern "C" function is bound as usual. */
int32_t point_length(const point *p);

}

/** A C++ class. */
class shape {
public:
    virtual ~shape();
    virtual double area() const = 0;
};

/** A struct with member functions is a class. */
struct counter {
    int value;
    void increment() { ++value; }
};

/** A template. */
template <typename T>
T maximum(T a, T b) { return a > b ? a : b; }

/** A class template. */
template <typename T>
struct box {
    T value;
};

namespace geometry {
int area(int w, int h);
}

/** C++ linkage: the symbol is mangled. */
int mangled_function(int x);

/** A reference parameter. */
extern "C" int by_reference(int &value);
