/* Written for GNU C: typeof is a GNU keyword before C23. */
typedef typeof(unsigned long) gnu_size;

gnu_size gnu_length(const char *text);
