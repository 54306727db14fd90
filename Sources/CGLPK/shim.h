#ifndef ONTIME_CGLPK_SHIM_H
#define ONTIME_CGLPK_SHIM_H
#include <glpk.h>
#endif
