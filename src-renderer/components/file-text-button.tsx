/**
 * "Load from file…": reads a file the user picks into a text field, as text (PEM) or as base64 (a binary
 * PFX / PKCS#12). The file never leaves the renderer except as the field's value.
 */
import { useId, useRef, useState } from 'react';

interface FileTextButtonProps {
  /** Accessible name, e.g. "Load Certificate from a file". */
  label: string;
  /** `base64` for binary files. */
  encoding: 'text' | 'base64';
  accept?: string;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  onLoad: (text: string) => void;
}

function read(file: File, encoding: 'text' | 'base64'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.onload = () => {
      const result = String(reader.result ?? '');
      // A data: URL is "data:<type>;base64,<payload>": keep the payload.
      resolve(encoding === 'base64' ? result.slice(result.indexOf(',') + 1) : result);
    };
    if (encoding === 'base64') reader.readAsDataURL(file);
    else reader.readAsText(file);
  });
}

/** A button opening the file picker; the chosen file's content goes to `onLoad`. */
export function FileTextButton({ label, encoding, accept, maxBytes, onLoad }: FileTextButtonProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);

  const onChange = async (file: File | undefined) => {
    setError(null);
    if (!file) return;
    if (file.size > maxBytes) {
      setError(`${file.name} is too large (at most ${Math.floor(maxBytes / 1024)} KB)`);
      return;
    }
    try {
      onLoad(await read(file, encoding));
    } catch (err) {
      setError((err as Error).message);
    }
    if (inputRef.current) inputRef.current.value = '';
  };

  return (
    <span className="file-text-button">
      <input
        ref={inputRef}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept={accept}
        onChange={(e) => void onChange(e.target.files?.[0])}
      />
      <button
        type="button"
        className="button button--small"
        aria-label={label}
        aria-describedby={error ? errorId : undefined}
        onClick={() => inputRef.current?.click()}
      >
        Load from file…
      </button>
      {error ? (
        <span id={errorId} className="form-field__error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
