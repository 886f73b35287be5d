// Real /proc text captured on the development VM (2 vCPUs, virtio disk, no swap), trimmed, for
// the parser and sampler tests. Not imported by production code.

export const PROC_STAT = `cpu  15504 0 2341 62910 169 0 128 27 0 0
cpu0 4735 0 939 34765 25 0 62 14 0 0
cpu1 10768 0 1401 28144 144 0 66 12 0 0
intr 305389 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 9 0 0 0 0 81 38 0 19 1 8173 0 8280 6147
ctxt 611958
btime 1795406878
processes 3896
procs_running 1
procs_blocked 0
softirq 98306 0 12867 4 14050 8172 0 2 41136 0 22075
`;

export const PROC_MEMINFO = `MemTotal:       24683656 kB
MemFree:        24325512 kB
MemAvailable:   24383432 kB
Buffers:            4156 kB
Cached:           242128 kB
SwapCached:            0 kB
Active:            51908 kB
Inactive:         191560 kB
SwapTotal:             0 kB
SwapFree:              0 kB
Shmem:              8952 kB
KReclaimable:      53408 kB
Slab:              74116 kB
SReclaimable:      53408 kB
SUnreclaim:        20708 kB
HugePages_Total:       0
HugePages_Free:        0
Hugepagesize:       2048 kB
`;

export const PROC_VMSTAT = `nr_free_pages 6081378
nr_zone_inactive_anon 1160
pgpgin 526861
pgpgout 597448
pswpin 0
pswpout 0
pgalloc_dma 0
pgfault 2016105
pgmajfault 344
pgrefill 0
`;

export const PROC_DISKSTATS = `   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
   7       1 loop1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
 254       0 vda 10261 5128 1053722 6414 2273 29087 1194896 5438 0 2556 12550 3307 40 63408 697 3 1
 253       0 zram0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
`;

export const PROC_NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0
  ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0: 329912593   12169    0    0    0     0          0         0   918284    8136    0    0    0     0       0          0
`;

export const PROC_LOADAVG = `0.13 0.35 0.19 1/84 3899
`;
