/*
 * What first touching fresh memory costs on this machine: 64 MiB of anonymous memory written one byte per 4 KiB
 * page, four ways: plain 4 KiB faults; after MADV_POPULATE_WRITE; after MADV_HUGEPAGE; after both.
 *
 *   cc -O2 -o /tmp/pagefaults bench/memory/pagefaults.c && /tmp/pagefaults
 *
 * On the project's 2-core virtual machines (2026-12-05): 11.6 us per 4 KiB page plain (190 ms for 64 MiB),
 * 25-89 ms with huge pages faulted one by one, 3.5-11 ms with huge pages populated at once. It explains most of
 * the system time of `das bench parse` (a 10^6-row table fills ~300 MB of fresh memory) and its variance.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <string.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(){
  size_t n=64<<20;
  for(int mode=0;mode<4;mode++){
    char*p=mmap(0,n,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0);
    double t0=now();
    if(mode==1) madvise(p,n,23);
    if(mode==2) madvise(p,n,14);
    if(mode==3){madvise(p,n,14);madvise(p,n,23);}
    double t1=now();
    for(size_t i=0;i<n;i+=4096)p[i]=1;
    double t2=now();
    printf("mode %d: advise %.1f ms, touch %.1f ms, total %.1f ms (%.2f us/4K page)\n",mode,(t1-t0)*1e3,(t2-t1)*1e3,(t2-t0)*1e3,(t2-t0)*1e6/(n/4096));
    munmap(p,n);
  }
}
