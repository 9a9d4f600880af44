;; The line starts of a block of log bytes, 64 bytes at a time with SIMD compares (src/log/scan.ts).
;; Assembled by scripts/gen-wasm.mjs into src/log/scan-wasm.generated.ts (`npm run build`).
;;
;; scan(at, len, out, maxLine): the block is the memory's bytes [at, at + len) and ends with a newline.
;; Stores the offset in the block where each line starts (0 first) as i32 from `out` on (len + 1 of them
;; at most: `out` must leave room for them), returns their count and sets the global `long` to the count
;; of lines longer than maxLine bytes (its newline not counted).
(module
  (memory (export "memory") 1)
  (global $long (export "long") (mut i32) (i32.const 0))
  (func (export "scan") (param $at i32) (param $len i32) (param $out i32) (param $maxLine i32) (result i32)
    (local $i i32) (local $mask i64) (local $o i32) (local $start i32) (local $q i32) (local $nl v128)
    (local $long i32)
    (local.set $nl (i8x16.splat (i32.const 10)))
    (i32.store (local.get $out) (i32.const 0))
    (local.set $o (i32.add (local.get $out) (i32.const 4)))
    ;; 64 bytes at a time: a bit per byte that is a newline
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $len)))
        (local.set $mask
          (i64.or
            (i64.or
              (i64.extend_i32_u
                (i8x16.bitmask (i8x16.eq (v128.load offset=0 (i32.add (local.get $at) (local.get $i))) (local.get $nl))))
              (i64.shl
                (i64.extend_i32_u
                  (i8x16.bitmask (i8x16.eq (v128.load offset=16 (i32.add (local.get $at) (local.get $i))) (local.get $nl))))
                (i64.const 16)))
            (i64.or
              (i64.shl
                (i64.extend_i32_u
                  (i8x16.bitmask (i8x16.eq (v128.load offset=32 (i32.add (local.get $at) (local.get $i))) (local.get $nl))))
                (i64.const 32))
              (i64.shl
                (i64.extend_i32_u
                  (i8x16.bitmask (i8x16.eq (v128.load offset=48 (i32.add (local.get $at) (local.get $i))) (local.get $nl))))
                (i64.const 48)))))
        ;; each newline, lowest bit first
        (block $none
          (loop $bit
            (br_if $none (i64.eqz (local.get $mask)))
            (local.set $q (i32.add (local.get $i) (i32.wrap_i64 (i64.ctz (local.get $mask)))))
            (if (i32.gt_s (i32.sub (local.get $q) (local.get $start)) (local.get $maxLine))
              (then (local.set $long (i32.add (local.get $long) (i32.const 1)))))
            (local.set $start (i32.add (local.get $q) (i32.const 1)))
            (i32.store (local.get $o) (local.get $start))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $mask (i64.and (local.get $mask) (i64.sub (local.get $mask) (i64.const 1))))
            (br $bit)))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $next)))
    ;; the last bytes, one at a time
    (block $end
      (loop $byte
        (br_if $end (i32.ge_u (local.get $i) (local.get $len)))
        (if (i32.eq (i32.load8_u (i32.add (local.get $at) (local.get $i))) (i32.const 10))
          (then
            (if (i32.gt_s (i32.sub (local.get $i) (local.get $start)) (local.get $maxLine))
              (then (local.set $long (i32.add (local.get $long) (i32.const 1)))))
            (local.set $start (i32.add (local.get $i) (i32.const 1)))
            (i32.store (local.get $o) (local.get $start))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $byte)))
    (global.set $long (local.get $long))
    ;; the start stored after the last newline is the block's end, not a line
    (i32.sub (i32.shr_u (i32.sub (local.get $o) (local.get $out)) (i32.const 2)) (i32.const 1))))
