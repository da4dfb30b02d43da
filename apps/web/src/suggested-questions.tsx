// Next questions after an answer (checked by the API to have answers), each asked with one click.
interface SuggestedQuestionsProps {
  suggestions: readonly string[] | undefined;
  disabled: boolean;
  onAsk: (question: string) => void;
}

export function SuggestedQuestions({ suggestions, disabled, onAsk }: SuggestedQuestionsProps) {
  if (!suggestions || suggestions.length === 0) return null;
  return (
    <section class="suggestions" aria-label="推荐问题">
      <h3>接着问</h3>
      <ul>
        {suggestions.map((question) => (
          <li key={question}>
            <button type="button" class="suggestion" disabled={disabled} onClick={() => onAsk(question)}>
              {question}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
