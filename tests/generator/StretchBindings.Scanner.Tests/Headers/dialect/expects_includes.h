/* Like jpeglib.h: uses FILE and uint32_t, and expects its user to have included
   <stdio.h> and <stdint.h> before it. */
typedef struct expects_writer {
    FILE *file;
    uint32_t written;
} expects_writer;

int expects_write(expects_writer *writer, const void *data, uint32_t size);
