# bash completion for wasmaot, installed as share/bash-completion/completions/wasmaot.
_wasmaot() {
  local cur prev cmd
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  cmd=${COMP_WORDS[1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "compile run validate inspect compare serve --help --version" -- "$cur"))
    return
  fi
  case "$prev" in
    --emit) COMPREPLY=($(compgen -W "exe obj asm llvm bc lib shared" -- "$cur")); return ;;
    --bounds-checks) COMPREPLY=($(compgen -W "guard explicit" -- "$cur")); return ;;
    --target) COMPREPLY=($(compgen -W "x86_64-linux-gnu aarch64-linux-gnu" -- "$cur")); return ;;
    -O|--opt-level) COMPREPLY=($(compgen -W "0 1 2 3" -- "$cur")); return ;;
    -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -c|--config) COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur")); return ;;
    --env-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --plot) COMPREPLY=($(compgen -f -X '!*.png' -- "$cur")); return ;;
  esac
  local opts
  case "$cmd" in
    compile) opts="-o --output --emit --name --header -O0 -O1 -O2 -O3 --bounds-checks --target --cpu --features -j --jobs --parts --env --dir --interruptible --help" ;;
    run) opts="-O0 -O1 -O2 -O3 --bounds-checks --target --cpu --features -j --jobs --parts --env --dir --interruptible --timeout --help" ;;
    inspect) opts="--json --top --help" ;;
    validate) opts="--help" ;;
    serve) opts="-c --config -l --listen --env --env-file --timeout --max-memory --max-request-body --max-response --workers --help" ;;
    compare) opts="--runs --warmup --engine --only --timeout --csv --json --plot --help" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -X '!*.@(wasm|wat)' -- "$cur") $(compgen -d -- "$cur"))
  fi
}
complete -o filenames -F _wasmaot wasmaot
