/* Platform-sized integers, with no include: scanned for other targets too. */
struct platform {
    long l;
    unsigned long ul;
    __WCHAR_TYPE__ w;
};
