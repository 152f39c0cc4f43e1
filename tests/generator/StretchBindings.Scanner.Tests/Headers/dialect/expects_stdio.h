/* Uses FILE and size_t without an include: <stdio.h> declares both. */
size_t expects_read(FILE *file, void *data, size_t size);
